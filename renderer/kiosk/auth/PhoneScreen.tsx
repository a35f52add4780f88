import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { ResponseOf, SessionView } from '../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { clockTime } from './clock-time';
import { loadMobileCheck } from './mobile-check';
import { groupPhoneDigits, MAX_PHONE_DIGITS } from './phone-format';
import { useSecondsLeft } from './use-seconds-left';

/** When an answer arrived: the hub's wait counts from here. */
const receivedNow = (): number => Date.now();

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
  /**
   * The hub's wait before it sends this number another code (a code went to it a moment ago,
   * e.g. just before an idle lock). Said as a live countdown with the button held, not as
   * "too many tries": nobody did anything wrong.
   */
  const [wait, setWait] = useState<{ since: number; seconds: number } | null>(null);
  const waitLeft = useSecondsLeft(wait?.since ?? 0, wait?.seconds ?? 0);
  const waiting = wait !== null && waitLeft > 0;

  useEffect(() => {
    loadMobileCheck().catch(() => undefined);
  }, []);

  // The wait is for the number it was asked for; another number may be sent at once.
  const edited = useCallback(() => {
    setFailure(null);
    setWait(null);
  }, [setFailure]);

  const onDigit = useCallback(
    (digit: string) => {
      edited();
      onDigitsChange((d) => (d.length >= MAX_PHONE_DIGITS ? d : d + digit));
    },
    [onDigitsChange, edited],
  );
  const onDelete = useCallback(() => {
    edited();
    onDigitsChange((d) => d.slice(0, -1));
  }, [onDigitsChange, edited]);
  const onClear = useCallback(() => {
    edited();
    onDigitsChange(() => '');
  }, [onDigitsChange, edited]);

  const submit = async (): Promise<void> => {
    const refuse = (): void => setFailure({ error: { code: 'invalid_input', message: 'Not a Vietnamese mobile number' }, retry: null });
    // Most wrong numbers (too short, wrong start) are seen at once; then only a mobile gets the
    // SMS, since anything else would leave the resident waiting for nothing.
    // Too short or too long is said at once (the first thing the full check looks at); the full
    // checks load when the screen opens, so they are normally here already.
    if (!/^\d{8,15}$/.test(digits)) return refuse();
    let phone: string | null;
    try {
      const check = await loadMobileCheck();
      if (check.normalizeVietnamesePhone(digits) === null) return refuse();
      phone = check.normalizeVietnameseMobile(digits);
    } catch {
      // The checks could not load: the core checks the number before anything is sent.
      phone = digits;
    }
    if (!phone) return refuse();
    const result = await run(() => api.auth.requestOtp({ phone }), () => void submit());
    if (!result) return;
    if (result.ok) onSent(result.value);
    else if (result.error.code === 'rate_limited' && result.error.retryAfterSeconds !== undefined && result.error.retryAfterSeconds > 0) {
      setWait({ since: receivedNow(), seconds: result.error.retryAfterSeconds });
      setFailure(null);
    }
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
        {waiting ? (
          <p className="info-text phone-wait" data-testid="phone-wait">
            {waitLeft < 120 ? t('auth:phone.waitSeconds', { count: waitLeft }) : t('auth:phone.waitMinutes', { count: Math.ceil(waitLeft / 60) })}
          </p>
        ) : null}
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy} />
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="phone-back" disabled={busy} onClick={() => void back()}>
          {t('common:back')}
        </button>
        <button type="button" className="button button-primary" data-testid="phone-submit" disabled={busy || waiting || digits.length === 0} onClick={() => void submit()}>
          {busy ? t('auth:phone.sending') : waiting ? t('auth:phone.waitSubmit', { time: clockTime(waitLeft) }) : t('auth:phone.submit')}
        </button>
      </div>
    </section>
  );
}
