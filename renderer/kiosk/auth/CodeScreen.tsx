import { useCallback, useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { ResponseOf, SessionView } from '../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { safeCall } from '../../components/call';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { CODE_LENGTH, CodeBoxes } from './CodeBoxes';
import { clockTime } from './clock-time';
import type { OtpSent } from './otp';
import { maskTypedPhone } from './phone-format';
import { useSecondsLeft } from './use-seconds-left';

export type CodeScreenProps = {
  maskedPhone: string | null;
  /** The digits the resident typed on the phone screen: the number is shown masked in that form. */
  typedPhone?: string;
  /** The last code sent from this screen's session; null after a reload of the renderer. */
  otp: OtpSent | null;
  onSent(sent: ResponseOf<'auth:resendOtp'>): void;
  /** The code was accepted; the parent catches up with the session. */
  onVerified(): void;
  onView(view: SessionView): void;
};

export function CodeScreen({ maskedPhone, typedPhone = '', otp, onSent, onVerified, onView }: CodeScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const t = useT();
  const { busy, failure, setFailure, run } = useAction(resync);
  const [code, setCode] = useState('');
  /** The code can no longer be used (locked or expired): only a new one helps. */
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  // After a reload of the renderer nothing is known of the last send: the main process judges.
  const secondsToResend = useSecondsLeft(otp?.receivedAt ?? 0, otp?.resendAfterSeconds ?? 0);
  // The hub says when the code expires; counted from when its answer arrived, so a kiosk clock
  // a little off the hub's does not shift what the resident is told.
  const validSeconds = otp ? Math.max(0, Math.round((Date.parse(otp.expiresAt) - otp.receivedAt) / 1000)) : 0;
  const secondsToExpiry = useSecondsLeft(otp?.receivedAt ?? 0, validSeconds);
  const expired = otp !== null && validSeconds > 0 && secondsToExpiry === 0;
  const [helpOpen, setHelpOpen] = useState(false);
  const [officePhone, setOfficePhone] = useState<string | null>(null);
  const closeHelp = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (helpOpen) closeHelp.current?.focus();
  }, [helpOpen]);

  useEffect(() => {
    if (!helpOpen || officePhone !== null) return undefined;
    let live = true;
    // The office's number comes from the building's public settings; without them the help says "ask the office".
    void safeCall(() => api.building.public({})).then((result) => {
      if (live && result.ok && result.value.hotline.trim() !== '') setOfficePhone(result.value.hotline.trim());
    });
    return () => {
      live = false;
    };
  }, [api, helpOpen, officePhone]);

  const verify = useCallback(
    (entered: string): Promise<void> => {
      const attempt = async (): Promise<void> => {
        setResent(false);
        const result = await run(() => api.auth.verifyOtp({ code: entered }), () => void attempt());
        if (!result) return;
        if (result.ok) {
          onVerified();
          return;
        }
        // Keep the digits only when the same code may still work on a retry.
        if (result.error.code !== 'hub_unavailable' && result.error.code !== 'internal') setCode('');
        if (result.error.code === 'code_locked' || result.error.code === 'code_expired') setDead(true);
        // The hub answers the last wrong try with `wrong_code` and no attempts left, and locks the
        // code only on the try after. Waiting for that would let a resident spend a tap on a code
        // that cannot work any more: the code is dead now, and the screen says what helps.
        if (result.error.code === 'wrong_code' && result.error.attemptsLeft === 0) {
          setDead(true);
          setFailure({ error: { code: 'code_locked', message: result.error.message }, retry: null });
        }
      };
      return attempt();
    },
    [api, onVerified, run, setFailure],
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
    // The main process still has the number this code went to; the renderer never kept it.
    const result = await run(() => api.auth.resendOtp({}), () => void resend());
    if (result?.ok) {
      onSent(result.value);
      setCode('');
      setDead(false);
      setResent(true);
    }
  };

  const changeNumber = async (): Promise<void> => {
    const result = await run(() => api.session.start({}));
    if (result?.ok) onView(result.value);
  };

  const phone = maskTypedPhone(typedPhone) ?? maskedPhone ?? otp?.maskedPhone ?? null;
  const waiting = secondsToResend > 0;
  const noUse = dead || expired;
  const resendLabel = waiting ? t('auth:code.resendIn', { n: secondsToResend }) : noUse ? t('auth:code.requestNew') : t('auth:code.resend');

  return (
    <section className="screen screen-entry screen-code" aria-labelledby="code-title">
      <h1 id="code-title" className="screen-title">
        {t('auth:code.title')}
      </h1>
      <p className="screen-hint" data-testid="code-sent-to">
        {phone ? t('auth:code.sentTo', { phone }) : t('auth:code.sentToYourPhone')}
      </p>
      {otp && validSeconds > 0 ? (
        <p className={expired ? 'code-expiry code-expiry-over' : 'code-expiry'} data-testid="code-expiry">
          {expired ? t('auth:code.expiredNow') : t('auth:code.expiresIn', { minutes: Math.round(validSeconds / 60), time: clockTime(secondsToExpiry) })}
        </p>
      ) : null}
      <CodeBoxes code={code} />
      <div className="entry-message">
        {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
        {busy && code.length === CODE_LENGTH ? <p className="info-text">{t('auth:code.verifying')}</p> : null}
        {resent && !failure ? (
          <p className="info-text" role="status">
            {t('auth:code.resent')}
          </p>
        ) : null}
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy || noUse} />
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="code-change-number" disabled={busy} onClick={() => void changeNumber()}>
          {t('auth:code.changeNumber')}
        </button>
        <button
          type="button"
          className={noUse ? 'button button-primary' : 'button button-secondary'}
          data-testid="code-resend"
          disabled={busy || waiting}
          onClick={() => void resend()}
        >
          {resendLabel}
        </button>
      </div>
      <div className="code-help">
        <button
          type="button"
          className="button button-secondary code-help-toggle"
          data-testid="code-help"
          aria-expanded={helpOpen}
          aria-controls="code-help-panel"
          onClick={() => setHelpOpen((open) => !open)}
        >
          {t('auth:code.help.open')}
        </button>
        {helpOpen ? (
          // Over the screen rather than below the keypad, so its Close button is never below the fold.
          <div className="overlay" data-testid="code-help-overlay">
            <div id="code-help-panel" className="dialog code-help-panel" role="dialog" aria-modal="true" aria-labelledby="code-help-title" data-testid="code-help-panel">
              <h2 id="code-help-title" className="dialog-title">
                {t('auth:code.help.title')}
              </h2>
              <ol className="code-help-steps">
                <li>{t('auth:code.help.checkNumber')}</li>
                <li>{t('auth:code.help.wait')}</li>
                <li>{waiting ? t('auth:code.help.resendWaiting', { n: secondsToResend }) : t('auth:code.help.resendReady')}</li>
                <li data-testid="code-help-office">{officePhone ? t('auth:code.help.office', { phone: officePhone }) : t('auth:code.help.officeNoPhone')}</li>
              </ol>
              <button ref={closeHelp} type="button" className="button button-primary" data-testid="code-help-close" onClick={() => setHelpOpen(false)}>
                {t('auth:code.help.close')}
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
