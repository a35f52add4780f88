import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { SessionView } from '../../shared/contract';
import { CODE_LENGTH, CodeBoxes } from '../components/CodeBoxes';
import { ErrorMessage } from '../components/ErrorMessage';
import { Keypad } from '../components/Keypad';
import { useKiot } from '../components/KiotProvider';
import { useT } from '../i18n/I18nProvider';
import type { OtpSent } from './otp';
import { useResync } from './resync';
import { useAction } from './use-action';

export type CodeScreenProps = {
  maskedPhone: string | null;
  /** The last code sent from this screen's session; null after a reload of the renderer. */
  otp: OtpSent | null;
  onSent(otp: OtpSent): void;
  /** The code was accepted; the parent catches up with the session. */
  onVerified(): void;
  onView(view: SessionView): void;
};

export function CodeScreen({ maskedPhone, otp, onSent, onVerified, onView }: CodeScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { busy, failure, setFailure, run } = useAction(resync);
  const [code, setCode] = useState('');
  /** The code can no longer be used (locked or expired): only a new one helps. */
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  const secondsToResend = useSecondsUntil(otp ? otp.receivedAt + otp.resendAfterSeconds * 1000 : 0);

  const verify = useCallback(
    async (entered: string): Promise<void> => {
      setResent(false);
      const result = await run(() => api.auth.verifyOtp({ code: entered }), () => void verify(entered));
      if (!result) return;
      if (result.ok) {
        onVerified();
        return;
      }
      // Keep the digits only when the same code may still work on a retry.
      if (result.error.code !== 'hub_unavailable' && result.error.code !== 'internal') setCode('');
      if (result.error.code === 'code_locked' || result.error.code === 'code_expired') setDead(true);
    },
    [api, onVerified, run],
  );

  const onDigit = useCallback(
    (digit: string) => {
      if (code.length >= CODE_LENGTH) return;
      const next = code + digit;
      setCode(next);
      setFailure(null);
      if (next.length === CODE_LENGTH) void verify(next);
    },
    [code, setFailure, verify],
  );
  const onDelete = useCallback(() => setCode((c) => c.slice(0, -1)), []);
  const onClear = useCallback(() => setCode(''), []);

  const resend = async (): Promise<void> => {
    if (!otp) {
      // Without the number (the renderer was reloaded), the phone screen asks for it again.
      await changeNumber();
      return;
    }
    const phone = otp.phone;
    const result = await run(() => api.auth.requestOtp({ phone }), () => void resend());
    if (result?.ok) {
      onSent({ ...result.value, phone, receivedAt: Date.now() });
      setCode('');
      setDead(false);
      setResent(true);
    }
  };

  const changeNumber = async (): Promise<void> => {
    const result = await run(() => api.session.start({}));
    if (result?.ok) onView(result.value);
  };

  const phone = maskedPhone ?? otp?.maskedPhone ?? null;
  const waiting = secondsToResend > 0;
  const resendLabel = waiting ? t('code.resendIn', { n: secondsToResend }) : dead ? t('code.requestNew') : t('code.resend');

  return (
    <section className="screen screen-entry" aria-labelledby="code-title">
      <h1 id="code-title" className="screen-title">
        {t('code.title')}
      </h1>
      <p className="screen-hint">{phone ? t('code.sentTo', { phone }) : t('code.sentToYourPhone')}</p>
      <CodeBoxes code={code} />
      <div className="entry-message">
        {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
        {busy && code.length === CODE_LENGTH ? <p className="info-text">{t('code.verifying')}</p> : null}
        {resent && !failure ? (
          <p className="info-text" role="status">
            {t('code.resent')}
          </p>
        ) : null}
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy || dead} />
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="code-change-number" disabled={busy} onClick={() => void changeNumber()}>
          {t('code.changeNumber')}
        </button>
        <button
          type="button"
          className={dead ? 'button button-primary' : 'button button-secondary'}
          data-testid="code-resend"
          disabled={busy || waiting}
          onClick={() => void resend()}
        >
          {resendLabel}
        </button>
      </div>
    </section>
  );
}

/** Whole seconds until `deadline` (a `Date.now()` value), ticking down, never negative. */
function useSecondsUntil(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  useEffect(() => setNow(Date.now()), [deadline]);
  useEffect(() => {
    if (seconds <= 0) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return seconds;
}
