import { useCallback, useState } from 'react';
import type { JSX } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import type { ContactChange } from '../../../shared/profile';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Keypad } from '../../components/Keypad';
import { useKiot } from '../../components/KiotProvider';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { CODE_LENGTH, CodeBoxes } from '../auth/CodeBoxes';
import { useSecondsLeft } from '../auth/use-seconds-left';

export type CodeStepProps = {
  change: ContactChange;
  target: 'old' | 'new';
  onVerified(result: ResponseOf<'profile:verifyContactChange'>): void;
  onCancel(): void;
  /**
   * Starts the same change again: new codes once the resend interval is over (a new change if
   * this one is dead). Null when the screen no longer knows what was typed (a change resumed from the list).
   */
  resend: { sentAt: number; afterSeconds: number; run(): Promise<boolean> } | null;
};

/** One code of a contact change, typed on the number pad; a wrong one says how many tries are left. */
export function CodeStep({ change, target, onVerified, onCancel, resend }: CodeStepProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const { busy, failure, setFailure, run } = useAction();
  const [code, setCode] = useState('');
  const [dead, setDead] = useState(false);
  const secondsToResend = useSecondsLeft(resend?.sentAt ?? 0, resend?.afterSeconds ?? 0);

  const verify = useCallback(
    (entered: string): Promise<void> => {
      const attempt = async (): Promise<void> => {
        const result = await run(() => api.profile.verifyContactChange({ changeId: change.id, target, code: entered }), () => void attempt());
        if (!result) return;
        if (result.ok) {
          onVerified(result.value);
          return;
        }
        // Keep the digits only when the same code may still work on a retry.
        if (result.error.code !== 'hub_unavailable' && result.error.code !== 'internal') setCode('');
        if (result.error.code === 'code_locked' || result.error.code === 'code_expired' || result.error.code === 'wrong_state') setDead(true);
      };
      return attempt();
    },
    [api, change.id, onVerified, run, target],
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

  const title = change.kind === 'email' ? t('profile:code.emailTitle') : target === 'new' ? t('profile:code.newTitle') : t('profile:code.oldTitle');
  const hint = target === 'new' ? t('profile:code.sentToNew', { value: change.newValueMasked ?? '' }) : t('profile:code.sentToOld');

  return (
    <section className="profile-code" aria-labelledby="profile-code-title" data-testid={`profile-code-${target}`}>
      <h2 id="profile-code-title" className="section-title">
        {title}
      </h2>
      {change.needsOldCode ? <p className="info-text">{t('profile:code.step', { count: target === 'new' ? 1 : 2 })}</p> : null}
      <p className="screen-hint">{hint}</p>
      <CodeBoxes code={code} />
      <div className="entry-message">
        {dead ? (
          <p className="error-text" role="alert" data-testid="profile-code-dead">
            {t('profile:code.dead')}
          </p>
        ) : failure ? (
          <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'profile:hubNeeded' }} onRetry={failure.retry} retryDisabled={busy} />
        ) : null}
      </div>
      <Keypad onDigit={onDigit} onDelete={onDelete} onClear={onClear} disabled={busy || dead} />
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="profile-code-cancel" disabled={busy} onClick={onCancel}>
          {dead ? t('profile:close') : t('profile:cancel')}
        </button>
        {resend !== null ? (
          <button
            type="button"
            className={dead ? 'button button-primary' : 'button button-secondary'}
            data-testid="profile-code-resend"
            disabled={busy || secondsToResend > 0}
            onClick={() => void resend.run()}
          >
            {secondsToResend > 0 ? t('profile:code.resendIn', { n: secondsToResend }) : t('profile:code.resend')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
