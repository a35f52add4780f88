import { useCallback, useState } from 'react';
import type { JSX } from 'react';
import type { DeletionCodeSent } from '../../../shared/contract/requests';
import type { FinalNoticeChannel, MyRequest } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import type { Failure } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { CODE_LENGTH, CodeBoxes } from '../auth/CodeBoxes';
import { useSecondsLeft } from '../auth/use-seconds-left';

export type DeletionCodeStepProps = {
  sent: DeletionCodeSent & { receivedAt: number };
  finalNotice: FinalNoticeChannel;
  onConfirmed(request: MyRequest, created: boolean): void;
  /** Asks for a new code (after the resend delay, or once this one is dead). */
  onResend(): Promise<void>;
  /** Why the last "send a new code" failed, if it did. */
  resendFailure: Failure | null;
  /** Seconds the hub still wants before another code (0 when none). */
  resendWait: number;
  onCancel(): void;
};

/** The deletion's fresh code on the number pad: six digits confirm at once; a wrong one says how many tries are left. */
export function DeletionCodeStep({ sent, finalNotice, onConfirmed, onResend, resendFailure, resendWait, onCancel }: DeletionCodeStepProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const { busy, failure, setFailure, run } = useAction(useResync());
  const [code, setCode] = useState('');
  const [dead, setDead] = useState(false);
  const secondsToResend = Math.max(useSecondsLeft(sent.receivedAt, sent.resendAfterSeconds), resendWait);

  const confirm = useCallback(
    (entered: string): Promise<void> => {
      const attempt = async (): Promise<void> => {
        const result = await run(() => api.requests.create({ kind: 'deletion', finalNotice, code: entered }), () => void attempt());
        if (!result) return;
        if (result.ok) {
          onConfirmed(result.value.request, result.value.created);
          return;
        }
        // The digits stay when the same code may still work on a retry (the hub was not reached).
        if (result.error.code !== 'hub_unavailable' && result.error.code !== 'internal') setCode('');
        if (result.error.code === 'code_locked' || result.error.code === 'code_expired') setDead(true);
      };
      return attempt();
    },
    [api, finalNotice, onConfirmed, run],
  );

  const onDigit = useCallback(
    (digit: string) => {
      if (code.length >= CODE_LENGTH) return;
      const next = code + digit;
      setCode(next);
      setFailure(null);
      if (next.length === CODE_LENGTH) void confirm(next);
    },
    [code, confirm, setFailure],
  );
  const onDelete = useCallback(() => setCode((c) => c.slice(0, -1)), []);
  const onClear = useCallback(() => setCode(''), []);

  return (
    <section className="profile-code deletion-code" aria-labelledby="deletion-code-title" data-testid="deletion-code">
      <h2 id="deletion-code-title" className="section-title">
        {t('requests:deletion.codeTitle')}
      </h2>
      <p className="screen-hint">{t('requests:deletion.codeSent', { phone: sent.phoneMasked })}</p>
      <CodeBoxes code={code} />
      <div className="entry-message">
        {failure ? (
          <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded', code_expired: 'requests:deletion.codeDead' }} onRetry={failure.retry} retryDisabled={busy} />
        ) : resendFailure ? (
          <ErrorMessage error={resendFailure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={resendFailure.retry} />
        ) : null}
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="deletion-code-cancel" disabled={busy} onClick={onCancel}>
          {t('requests:deletion.cancel')}
        </button>
        <button
          type="button"
          className={dead ? 'button button-primary' : 'button button-secondary'}
          data-testid="deletion-code-resend"
          disabled={busy || secondsToResend > 0}
          onClick={() => void onResend()}
        >
          {secondsToResend > 0 ? t('requests:deletion.resendIn', { n: secondsToResend }) : t('requests:deletion.resend')}
        </button>
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy || dead} />
    </section>
  );
}
