import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { RequestsView } from '../../../shared/contract/requests';
import type { MyRequest } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { isClosed } from './request-dates';
import { RequestCard } from './RequestCard';
import { BackRow } from '../../components/BackRow';
import { ScrollRegion } from '../../components/ScrollRegion';

export type ExportScreenProps = {
  onBack(): void;
  onOpenList(): void;
};

/** "Send me a copy of my data": where the copy goes (their verified email, masked, or the office), one tap to ask. */
export function ExportScreen({ onBack, onOpenList }: ExportScreenProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const load = useAction(useResync());
  const send = useAction(useResync());
  const [view, setView] = useState<RequestsView | null>(null);
  const [asked, setAsked] = useState<{ request: MyRequest; created: boolean } | null>(null);

  const reload = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await load.run(() => api.requests.list({}), () => void attempt());
      if (!result?.ok) return;
      setView(result.value);
      const open = result.value.requests.find((r) => r.kind === 'export' && !isClosed(r));
      if (open) setAsked({ request: open, created: false });
    };
    return attempt();
    // `load.run` is stable; the whole action object is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, load.run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const confirm = async (): Promise<void> => {
    const result = await send.run(() => api.requests.create({ kind: 'export' }), () => void confirm());
    if (result?.ok) setAsked(result.value);
  };

  const emailMasked = view?.contact.emailMasked ?? null;
  return (
    <div className="requests-screen export-screen" data-testid="export-screen" data-loading={view === null && load.failure === null}>
      <div className="screen-head">
        <BackRow testId="requests-back" onBack={onBack} />
        <h2 className="section-title">{t('requests:export.title')}</h2>
      </div>
      {load.busy && view === null ? (
        <p className="info-text" role="status">
          {t('requests:loading')}
        </p>
      ) : null}
      {load.failure ? <ErrorMessage error={load.failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={load.failure.retry} retryDisabled={load.busy} /> : null}
      {view !== null && asked === null ? (
        <section className="request-step export-intro" data-testid="export-intro">
          {/* What the copy holds and when it comes scrolls by itself; where it goes, Cancel and Send stay in sight. */}
          <ScrollRegion label={t('requests:export.whatLabel')} className="export-scroll">
            <p className="info-text">{t('requests:export.what')}</p>
            <p className="info-text">{t('requests:export.when')}</p>
          </ScrollRegion>
          <div className="export-send">
            <p className="request-when" data-testid="export-where">
              {emailMasked !== null ? t('requests:export.toEmail', { email: emailMasked }) : t('requests:export.toOffice')}
            </p>
            <div className="entry-message">
              {send.failure ? <ErrorMessage error={send.failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={send.failure.retry} retryDisabled={send.busy} /> : null}
            </div>
            <div className="actions">
              <button type="button" className="button button-secondary" data-testid="export-back" disabled={send.busy} onClick={onBack}>
                {t('requests:export.cancel')}
              </button>
              <button type="button" className="button button-primary" data-testid="export-confirm" disabled={send.busy} onClick={() => void confirm()}>
                {t('requests:export.confirm')}
              </button>
            </div>
          </div>
        </section>
      ) : null}
      {asked !== null ? (
        <section className="request-step export-done" data-testid="export-done">
          <p className={asked.created ? 'profile-notice' : 'notice-offline'} role="status" data-testid="export-notice">
            {!asked.created ? t('requests:export.alreadyOpen') : asked.request.exportDelivery === 'pickup' ? t('requests:export.donePickup') : t('requests:export.doneEmail')}
          </p>
          <ScrollRegion label={t('requests:export.askedLabel')} className="export-scroll">
            <ol className="profile-history-list">
              <RequestCard request={asked.request} />
            </ol>
          </ScrollRegion>
          <div className="actions">
            <button type="button" className="button button-primary" data-testid="export-to-list" onClick={onOpenList}>
              {t('requests:toList')}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
