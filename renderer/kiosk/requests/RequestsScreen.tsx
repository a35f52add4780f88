import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { RequestsView } from '../../../shared/contract/requests';
import type { MyRequest } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { CancelDialog } from './CancelDialog';
import { RequestCard } from './RequestCard';
import { BackRow } from '../../components/BackRow';
import { ScrollRegion } from '../../components/ScrollRegion';

export type RequestsScreenProps = { onBack(): void };

/** "My requests": every data request the resident made, newest first, fresh from the hub each time. */
export function RequestsScreen({ onBack }: RequestsScreenProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const { run, busy, failure } = useAction(useResync());
  const [view, setView] = useState<RequestsView | null>(null);
  const [cancelling, setCancelling] = useState<MyRequest | null>(null);
  const [notice, setNotice] = useState(false);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await run(() => api.requests.list({}), () => void attempt());
      if (result?.ok) setView(result.value);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    void load();
  }, [load]);

  const cancelled = (request: MyRequest): void => {
    setCancelling(null);
    setNotice(true);
    setView((v) => (v === null ? v : { ...v, requests: v.requests.map((r) => (r.id === request.id ? request : r)) }));
  };

  return (
    <div className="requests-screen requests-list-screen" data-testid="requests-screen" data-loading={view === null && failure === null}>
      <div className="screen-head">
        <BackRow testId="requests-back" onBack={onBack} />
        <h2 className="section-title">{t('requests:list.title')}</h2>
      </div>
      <p className="info-text">{t('requests:list.intro')}</p>
      {notice ? (
        <p className="profile-notice" role="status" data-testid="requests-notice">
          {t('requests:list.cancelled')}
        </p>
      ) : null}
      {busy && view === null ? (
        <p className="info-text" role="status">
          {t('requests:loading')}
        </p>
      ) : null}
      {failure && cancelling === null ? <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={failure.retry} retryDisabled={busy} /> : null}
      {view !== null && view.requests.length === 0 ? (
        <p className="info-text" data-testid="requests-empty">
          {t('requests:list.empty')}
        </p>
      ) : null}
      {/* The list scrolls by itself, so Back and the title stay in sight however many requests there are. */}
      {view !== null && view.requests.length > 0 ? (
        <ScrollRegion label={t('requests:list.title')} className="requests-scroll">
          <ol className="profile-history-list" data-testid="requests-list">
            {view.requests.map((request) => (
              <RequestCard key={request.id} request={request} onCancel={() => setCancelling(request)} />
            ))}
          </ol>
        </ScrollRegion>
      ) : null}
      {cancelling !== null ? <CancelDialog request={cancelling} onCancelled={cancelled} onClose={() => setCancelling(null)} /> : null}
    </div>
  );
}
