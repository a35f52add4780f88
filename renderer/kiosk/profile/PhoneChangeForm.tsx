import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { RequestOf, ResponseOf } from '../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { loadMobileCheck } from '../auth/mobile-check';

const MAX_DIGITS = 12;

export type PhoneChangeFormProps = {
  currentPhone: string;
  onStarted(result: ResponseOf<'profile:startContactChange'>, input: RequestOf<'profile:startContactChange'>): void;
  onCancel(): void;
};

/** The new number on the number pad, and whether the resident still has the current phone. */
export function PhoneChangeForm({ currentPhone, onStarted, onCancel }: PhoneChangeFormProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const { busy, failure, setFailure, run } = useAction();
  const [digits, setDigits] = useState('');
  const [hasOldPhone, setHasOldPhone] = useState<boolean | null>(null);
  const [same, setSame] = useState(false);

  useEffect(() => {
    loadMobileCheck().catch(() => undefined);
  }, []);

  const onDigit = useCallback(
    (digit: string) => {
      setFailure(null);
      setSame(false);
      setDigits((d) => (d.length >= MAX_DIGITS ? d : d + digit));
    },
    [setFailure],
  );
  const onDelete = useCallback(() => setDigits((d) => d.slice(0, -1)), []);
  const onClear = useCallback(() => setDigits(''), []);

  const send = async (): Promise<void> => {
    if (hasOldPhone === null) return;
    // Said here at once rather than after a trip to the hub: the resident typed their own number.
    // The number check loads when the form opens; if it could not, the hub decides.
    const normalized = await loadMobileCheck().then(
      (check) => check.normalizeVietnamesePhone(digits),
      () => null,
    );
    if (normalized === currentPhone) {
      setSame(true);
      return;
    }
    const input = { kind: 'phone', newPhone: digits, hasOldPhone } as const;
    const result = await run(() => api.profile.startContactChange(input), () => void send());
    if (result?.ok) onStarted(result.value, input);
  };

  const grouped = digits.replace(/^(\d{4})(\d{0,3})(\d*)$/, (_, a: string, b: string, c: string) => [a, b, c].filter((x) => x !== '').join(' '));
  return (
    <section className="profile-edit" aria-labelledby="profile-phone-title" data-testid="profile-phone-form">
      <h2 id="profile-phone-title" className="section-title">
        {t('profile:phone.title')}
      </h2>
      <p className="screen-hint">{t('profile:phone.hint')}</p>
      <output className="phone-display" data-testid="profile-phone-display">
        {grouped}
      </output>
      <p className="info-text">{t('profile:phone.hasOld')}</p>
      <div className="choice-row" role="radiogroup" aria-label={t('profile:phone.hasOld')}>
        <button type="button" role="radio" aria-checked={hasOldPhone === true} className={hasOldPhone === true ? 'choice choice-on' : 'choice'} data-testid="profile-has-old-yes" onClick={() => setHasOldPhone(true)}>
          {t('profile:phone.hasOldYes')}
        </button>
        <button type="button" role="radio" aria-checked={hasOldPhone === false} className={hasOldPhone === false ? 'choice choice-on' : 'choice'} data-testid="profile-has-old-no" onClick={() => setHasOldPhone(false)}>
          {t('profile:phone.hasOldNo')}
        </button>
      </div>
      <div className="entry-message">
        {same ? (
          <p className="error-text" role="alert">
            {t('profile:phone.sameAsNow')}
          </p>
        ) : null}
        {failure ? <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'profile:hubNeeded' }} onRetry={failure.retry} retryDisabled={busy} /> : null}
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="profile-cancel" disabled={busy} onClick={onCancel}>
          {t('profile:cancel')}
        </button>
        <button type="button" className="button button-primary" data-testid="profile-phone-send" disabled={busy || digits.length < 9 || hasOldPhone === null} onClick={() => void send()}>
          {t('profile:phone.send')}
        </button>
      </div>
      {/* Below the buttons, so Send stays in sight on a landscape screen. */}
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy} />
    </section>
  );
}
