import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { DeletionCodeSent, RequestsView } from '../../../shared/contract/requests';
import { DELETION_DELAY_DAYS } from '../../../shared/requests-rules';
import type { FinalNoticeChannel, MyRequest } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';
import { useSecondsLeft } from '../auth/use-seconds-left';
import { CancelDialog } from './CancelDialog';
import { DeletionCodeStep } from './DeletionCodeStep';
import { ScrollRegion } from '../../components/ScrollRegion';
import { DeletionStatus } from './DeletionStatus';
import { isClosed } from './request-dates';
import { BackRow } from '../../components/BackRow';

export type DeletionScreenProps = {
  onBack(): void;
  onOpenList(): void;
};

type Step =
  | { kind: 'intro' }
  | { kind: 'code'; sent: DeletionCodeSent & { receivedAt: number } }
  | { kind: 'status'; request: MyRequest; created: boolean; confirmCancel: boolean }
  | { kind: 'cancelled' };

/**
 * "Delete my data": what is erased and what the law keeps, when, where the final notice goes;
 * then a fresh code; then the erasure's date and time with a countdown and a Cancel button.
 * A deletion already open is shown instead of starting another.
 */
export function DeletionScreen({ onBack, onOpenList }: DeletionScreenProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const load = useAction(useResync());
  const send = useAction(useResync());
  const [view, setView] = useState<RequestsView | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const [notice, setNotice] = useState<FinalNoticeChannel>('sms');
  /** The hub's wait before another code may go to this number (the sign-in code counts too). */
  const [wait, setWait] = useState<{ since: number; seconds: number } | null>(null);
  const waitLeft = useSecondsLeft(wait?.since ?? 0, wait?.seconds ?? 0);

  const reload = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await load.run(() => api.requests.list({}), () => void attempt());
      if (!result?.ok) return;
      setView(result.value);
      const open = result.value.requests.find((r) => r.kind === 'deletion' && !isClosed(r));
      if (open) setStep({ kind: 'status', request: open, created: false, confirmCancel: false });
    };
    return attempt();
    // `load.run` is stable; the whole action object is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, load.run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const sendCode = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await send.run(() => api.requests.sendDeletionCode({}), () => void attempt());
      if (!result) return;
      // The resend delay counts from when the answer arrived.
      if (result.ok) setStep({ kind: 'code', sent: { ...result.value, receivedAt: Date.now() } });
      else if (result.error.code === 'rate_limited' && result.error.retryAfterSeconds !== undefined && result.error.retryAfterSeconds > 0) {
        // Said as a countdown with the button held, rather than a "wait 59 seconds" that never moves.
        setWait({ since: Date.now(), seconds: result.error.retryAfterSeconds });
        send.setFailure(null);
      }
    };
    return attempt();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, send.run, send.setFailure]);

  const confirmed = useCallback((request: MyRequest, created: boolean) => setStep({ kind: 'status', request, created, confirmCancel: false }), []);

  const emailMasked = view?.contact.emailMasked ?? null;
  const body = ((): JSX.Element | null => {
    if (view === null) return null;
    switch (step.kind) {
      case 'code':
        return (
          <DeletionCodeStep
            key={step.sent.receivedAt}
            sent={step.sent}
            finalNotice={notice}
            onConfirmed={confirmed}
            onResend={sendCode}
            resendFailure={send.failure}
            resendWait={waitLeft}
            onCancel={() => setStep({ kind: 'intro' })}
          />
        );
      case 'status':
        return (
          <>
            <DeletionStatus request={step.request} created={step.created} onCancel={() => setStep({ ...step, confirmCancel: true })} onOpenList={onOpenList} />
            {step.confirmCancel ? <CancelDialog request={step.request} onCancelled={() => setStep({ kind: 'cancelled' })} onClose={() => setStep({ ...step, confirmCancel: false })} /> : null}
          </>
        );
      case 'cancelled':
        return (
          <section className="deletion-cancelled" data-testid="deletion-cancelled">
            <p className="profile-notice" role="status">
              {t('requests:deletion.cancelledTitle')}
            </p>
            <p className="info-text">{t('requests:deletion.cancelledBody')}</p>
            <div className="actions">
              <button type="button" className="button button-secondary" data-testid="deletion-to-list" onClick={onOpenList}>
                {t('requests:toList')}
              </button>
            </div>
          </section>
        );
      case 'intro':
        return (
          <section className="deletion-intro" data-testid="deletion-intro">
            {/* What is erased and what is kept scrolls by itself; the notice choice, Cancel and Send code stay in sight. */}
            <ScrollRegion label={t('requests:deletion.title')} className="deletion-facts-scroll">
              <div className="deletion-facts">
                <p className="request-when" data-testid="deletion-when">
                  {t('requests:deletion.when', { count: DELETION_DELAY_DAYS })}
                </p>
                <h3 className="request-subtitle">{t('requests:deletion.erasedTitle')}</h3>
                <ul className="request-facts" data-testid="deletion-erased">
                  <li>{t('requests:deletion.erased.name')}</li>
                  <li>{t('requests:deletion.erased.phone')}</li>
                  <li>{t('requests:deletion.erased.email')}</li>
                  <li>{t('requests:deletion.erased.address')}</li>
                  <li>{t('requests:deletion.erased.consents')}</li>
                  <li>{t('requests:deletion.erased.signIns')}</li>
                  <li>{t('requests:deletion.erased.contactChanges')}</li>
                </ul>
                <h3 className="request-subtitle">{t('requests:deletion.keptTitle')}</h3>
                <p className="info-text">{t('requests:deletion.kept')}</p>
              </div>
            </ScrollRegion>
            <div className="deletion-choose">
              <h3 className="request-subtitle" id="deletion-notice-title">
                {t('requests:deletion.noticeTitle')}
              </h3>
              <div className="choice-row request-choices" role="radiogroup" aria-labelledby="deletion-notice-title">
                <button type="button" role="radio" aria-checked={notice === 'sms'} className={notice === 'sms' ? 'choice choice-on' : 'choice'} data-testid="deletion-notice-sms" onClick={() => setNotice('sms')}>
                  {t('requests:deletion.noticeSms', { phone: view.contact.phoneMasked })}
                </button>
                {emailMasked !== null ? (
                  <button type="button" role="radio" aria-checked={notice === 'email'} className={notice === 'email' ? 'choice choice-on' : 'choice'} data-testid="deletion-notice-email" onClick={() => setNotice('email')}>
                    {t('requests:deletion.noticeEmail', { email: emailMasked })}
                  </button>
                ) : null}
                <button type="button" role="radio" aria-checked={notice === 'none'} className={notice === 'none' ? 'choice choice-on' : 'choice'} data-testid="deletion-notice-none" onClick={() => setNotice('none')}>
                  {t('requests:deletion.noticeNone')}
                </button>
              </div>
              <div className="entry-message">
                {waitLeft > 0 ? (
                  <p className="notice-offline" role="status" data-testid="deletion-wait">
                    {waitLeft < 120 ? t('requests:deletion.waitSeconds', { count: waitLeft }) : t('requests:deletion.waitMinutes', { count: Math.ceil(waitLeft / 60) })}
                  </p>
                ) : null}
                {send.failure ? <ErrorMessage error={send.failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={send.failure.retry} retryDisabled={send.busy} /> : null}
              </div>
              <div className="actions">
                <button type="button" className="button button-secondary" data-testid="deletion-back" disabled={send.busy} onClick={onBack}>
                  {t('requests:deletion.cancel')}
                </button>
                <button type="button" className="button button-primary" data-testid="deletion-send-code" disabled={send.busy || waitLeft > 0} onClick={() => void sendCode()}>
                  {t('requests:deletion.sendCode')}
                </button>
              </div>
            </div>
          </section>
        );
      default:
        return null;
    }
  })();

  return (
    <div className="requests-screen" data-testid="deletion-screen" data-loading={view === null && load.failure === null}>
      <div className="screen-head">
        <BackRow testId="requests-back" onBack={onBack} />
        {/* The code and confirmation steps carry their own title: on a short landscape screen every line counts. */}
        {step.kind === 'intro' || step.kind === 'cancelled' ? <h2 className="section-title">{t('requests:deletion.title')}</h2> : null}
      </div>
      {load.busy && view === null ? (
        <p className="info-text" role="status">
          {t('requests:loading')}
        </p>
      ) : null}
      {load.failure ? <ErrorMessage error={load.failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={load.failure.retry} retryDisabled={load.busy} /> : null}
      {body}
    </div>
  );
}
