import { useCallback } from 'react';
import type { JSX } from 'react';
import type { ResponseOf, SessionView } from '../../../shared/contract';
import { normalizeVietnamesePhone } from '../../../shared/phone';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { groupPhoneDigits, MAX_PHONE_DIGITS } from './phone-format';

export type PhoneScreenProps = {
  /** Kept by the parent so that "change number" comes back to what was typed. */
  digits: string;
  onDigitsChange(update: (digits: string) => string): void;
  onSent(sent: ResponseOf<'auth:requestOtp'>): void;
  onView(view: SessionView): void;
};

export function PhoneScreen({ digits, onDigitsChange, onSent, onView }: PhoneScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { busy, failure, setFailure, run } = useAction(resync);

  const onDigit = useCallback(
    (digit: string) => {
      setFailure(null);
      onDigitsChange((d) => (d.length >= MAX_PHONE_DIGITS ? d : d + digit));
    },
    [onDigitsChange, setFailure],
  );
  const onDelete = useCallback(() => {
    setFailure(null);
    onDigitsChange((d) => d.slice(0, -1));
  }, [onDigitsChange, setFailure]);
  const onClear = useCallback(() => {
    setFailure(null);
    onDigitsChange(() => '');
  }, [onDigitsChange, setFailure]);

  const submit = async (): Promise<void> => {
    const phone = normalizeVietnamesePhone(digits);
    if (!phone) {
      setFailure({ error: { code: 'invalid_input', message: 'Not a Vietnamese phone number' }, retry: null });
      return;
    }
    const result = await run(() => api.auth.requestOtp({ phone }), () => void submit());
    if (result?.ok) onSent(result.value);
  };

  const back = async (): Promise<void> => {
    const result = await run(() => api.session.end({}));
    if (result?.ok) onView(result.value);
  };

  return (
    <section className="screen screen-entry" aria-labelledby="phone-title">
      <h1 id="phone-title" className="screen-title">
        {t('auth:phone.title')}
      </h1>
      <p className="screen-hint">{t('auth:phone.hint')}</p>
      <output className="phone-display" data-testid="phone-display" aria-label={t('auth:phone.displayLabel')} data-placeholder={t('auth:phone.placeholder')}>
        {groupPhoneDigits(digits)}
      </output>
      <div className="entry-message">
        {failure ? <ErrorMessage error={failure.error} overrides={{ invalid_input: 'auth:phone.invalid' }} onRetry={failure.retry} retryDisabled={busy} /> : null}
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy} />
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="phone-back" disabled={busy} onClick={() => void back()}>
          {t('common:back')}
        </button>
        <button type="button" className="button button-primary" data-testid="phone-submit" disabled={busy || digits.length === 0} onClick={() => void submit()}>
          {busy ? t('auth:phone.sending') : t('auth:phone.submit')}
        </button>
      </div>
    </section>
  );
}
