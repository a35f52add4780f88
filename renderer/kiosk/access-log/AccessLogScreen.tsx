import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { AccessLogEntry } from '../../../shared/audit';
import { formatInstant } from '../../../shared/dates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { actionKey, jobKey, roleKey } from './access-log-keys';
import { BackRow } from '../../components/BackRow';

export type AccessLogScreenProps = { onBack(): void };

/**
 * "Who accessed my data": every read or change of the resident's data by staff or the
 * system, newest first, in the resident's language. Loaded fresh each time the screen opens.
 */
export function AccessLogScreen({ onBack }: AccessLogScreenProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const resync = useResync();
  const { run, busy, failure } = useAction(resync);
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await run(() => api.accessLog.list({}), () => void attempt());
      if (result?.ok) setEntries(result.value.entries);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    void load();
  }, [load]);

  const who = (entry: AccessLogEntry): string => {
    const actor = entry.actor;
    if (actor.kind === 'staff') return t('accessLog:staff', { name: actor.displayName, role: t(roleKey[actor.role]) });
    const job = jobKey(actor.job);
    return job === null ? t('accessLog:system') : t('accessLog:systemJob', { job: t(job) });
  };

  return (
    <div className="access-log">
      <BackRow testId="access-log-back" onBack={onBack} />
      <h2 className="section-title">{t('accessLog:title')}</h2>
      <p className="info-text">{t('accessLog:intro')}</p>
      {busy && entries === null ? (
        <p className="info-text" role="status">
          {t('accessLog:loading')}
        </p>
      ) : null}
      {failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {entries !== null && entries.length === 0 ? (
        <p className="info-text access-log-empty" data-testid="access-log-empty">
          {t('accessLog:empty')}
        </p>
      ) : null}
      {entries !== null && entries.length > 0 ? (
        <ol className="access-log-list" data-testid="access-log-list">
          {entries.map((entry) => (
            <li key={entry.id} className={`access-log-entry access-log-entry-${entry.actor.kind}`} data-testid="access-log-entry">
              <p className="access-log-what">{t('accessLog:entry', { who: who(entry), what: t(actionKey(entry.action)) })}</p>
              <p className="access-log-when">
                <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
              </p>
              {entry.reason !== null ? (
                <p className="access-log-why">{t('accessLog:reason', { reason: entry.reason })}</p>
              ) : entry.actor.kind === 'staff' ? (
                <p className="access-log-why access-log-why-none">{t('accessLog:noReason')}</p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
