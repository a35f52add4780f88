import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { StaffExportResponse, StaffRequest } from '../../../shared/hub-api/requests';
import type { AppError } from '../../../shared/result';
import { callOrThrow, toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../i18n/error-text';
import { ReasonDialog } from '../components/ReasonDialog';
import { useKiot } from '../../components/KiotProvider';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import './requests.css';
import { ActionDialog } from './ActionDialog';
import type { ActionValues, FormAction } from './ActionDialog';
import { ErasureCell, OverdueMarks } from './ErasureCell';
import { useRequest, useRequestAction } from './queries';
import { requestErrorOverrides } from './request-errors';
import { availableActions, requestActions, roleMay } from './request-permissions';
import type { RequestAction } from './request-permissions';
import { actionKey, actorKey, deliveryKey, holdKey, kindKey, localDateTime, statusKey } from './request-text';
import { useNow } from './use-now';
import { useStaffRole } from '../console/staff-context';

const buttonKey = {
  acknowledge: 'consoleRequests:button.acknowledge',
  extend: 'consoleRequests:button.extend',
  hold: 'consoleRequests:button.hold',
  release: 'consoleRequests:button.release',
  refuse: 'consoleRequests:button.refuse',
  complete: 'consoleRequests:button.complete',
  download: 'consoleRequests:button.download',
} as const satisfies Record<RequestAction, MessageKey>;

/** Saves the copy through the browser's download (a Blob URL, revoked at once); nothing is kept in the page. */
function saveJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }): JSX.Element {
  return (
    <div className="console-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** One request: its facts, its history, and the actions its status and the staff member's role allow. */
export function RequestDetailPage(): JSX.Element {
  const t = useT();
  const { requestId } = useParams({ from: '/requests/$requestId' });
  const request = useRequest(requestId);
  const role = useStaffRole();
  const now = useNow(30_000);
  return (
    <section className="console-page request-page" aria-labelledby="request-title" data-testid="request-detail">
      <Link to="/requests" className="console-link" data-testid="request-back">
        {t('consoleRequests:detail.back')}
      </Link>
      {request.isPending ? (
        <p className="console-muted" role="status">
          {t('consoleRequests:detail.loading')}
        </p>
      ) : null}
      {request.isError ? <ErrorMessage error={toAppError(request.error)} overrides={requestErrorOverrides} onRetry={() => void request.refetch()} retryDisabled={request.isFetching} /> : null}
      {request.data ? <RequestBody request={request.data} role={role} now={now} /> : null}
    </section>
  );
}

function RequestBody({ request, role, now }: { request: StaffRequest; role: ReturnType<typeof useStaffRole>; now: number }): JSX.Element {
  const t = useT();
  const api = useKiot();
  const [open, setOpen] = useState<FormAction | null>(null);
  const [saved, setSaved] = useState(false);
  const [copy, setCopy] = useState<StaffExportResponse | null>(null);
  const [downloadError, setDownloadError] = useState<AppError | null>(null);
  const [downloading, setDownloading] = useState(false);
  const mutation = useRequestAction(request.id, (values: ActionValues) => {
    const requestId = request.id;
    switch (values.action) {
      case 'acknowledge':
        return api.consoleRequests.acknowledge({ requestId, thirdPartyInvolved: values.thirdPartyInvolved });
      case 'extend':
        return api.consoleRequests.extend({ requestId, days: values.days, reason: values.reason });
      case 'hold':
        return api.consoleRequests.hold({ requestId, category: values.category, reason: values.reason });
      case 'release':
        return api.consoleRequests.release({ requestId, reason: values.reason });
      case 'refuse':
        return api.consoleRequests.refuse({ requestId, reason: values.reason });
      case 'complete':
        return api.consoleRequests.complete({ requestId, ...(values.note !== undefined ? { note: values.note } : {}) });
      default:
        return assertNever(values, 'request action');
    }
  });
  const actions = availableActions(request, role);
  const readOnly = role !== null && !requestActions.some((action) => roleMay(role, action));

  const start = (action: RequestAction): void => {
    setSaved(false);
    setDownloadError(null);
    if (action === 'download') {
      setDownloading(true);
      callOrThrow(() => api.consoleRequests.export({ requestId: request.id }))
        .then((exported) => {
          setCopy(exported);
          saveJson(`kiot-export-${request.id}.json`, exported.data);
        })
        .catch((err: unknown) => setDownloadError(toAppError(err)))
        .finally(() => setDownloading(false));
      return;
    }
    mutation.reset();
    setOpen(action);
  };

  return (
    <>
      <h1 id="request-title" className="console-page-title">
        {t('consoleRequests:detail.title', { kind: t(kindKey[request.kind]) })} <OverdueMarks request={request} />
      </h1>
      <div className="request-detail-grid">
        <div>
          <h2 className="console-section-title">{t('consoleRequests:detail.facts')}</h2>
          <dl className="console-facts" data-testid="request-facts">
            <Fact label={t('consoleRequests:detail.resident')} testId="fact-resident">
              {request.residentName ?? t('consoleRequests:erasedResident')}
            </Fact>
            <Fact label={t('consoleRequests:detail.units')}>{request.unitLabels.length > 0 ? request.unitLabels.join(', ') : t('consoleRequests:noUnit')}</Fact>
            <Fact label={t('consoleRequests:detail.status')} testId="fact-status">
              {t(statusKey[request.status])}
            </Fact>
            {request.holdCategory !== null ? (
              <Fact label={t('consoleRequests:detail.holdCategory')} testId="fact-hold-category">
                {t(holdKey[request.holdCategory])}
              </Fact>
            ) : null}
            {request.holdReason !== null ? (
              <Fact label={t('consoleRequests:detail.holdReason')} testId="fact-hold-reason">
                {request.holdReason}
              </Fact>
            ) : null}
            {request.refusalReason !== null ? <Fact label={t('consoleRequests:detail.refusalReason')}>{request.refusalReason}</Fact> : null}
            <Fact label={t('consoleRequests:detail.received')}>{localDateTime(request.createdAt)}</Fact>
            <Fact label={t('consoleRequests:detail.acknowledgeDue')}>{localDateTime(request.acknowledgeDueAt)}</Fact>
            {request.acknowledgedAt !== null ? <Fact label={t('consoleRequests:detail.acknowledgedAt')}>{localDateTime(request.acknowledgedAt)}</Fact> : null}
            <Fact label={t('consoleRequests:detail.actDue')} testId="fact-act-due">
              {localDateTime(request.actDueAt)}
              {request.extendedDays > 0 ? (
                <span className="console-muted"> · {t('consoleRequests:detail.extended', { count: request.extendedDays, reason: request.extensionReason ?? '' })}</span>
              ) : null}
            </Fact>
            {request.kind === 'deletion' ? (
              <Fact label={t('consoleRequests:detail.erasure')}>
                <ErasureCell request={request} now={now} />
              </Fact>
            ) : null}
            <Fact label={t('consoleRequests:detail.thirdParty')}>{request.thirdPartyInvolved ? t('consoleRequests:detail.yes') : t('consoleRequests:detail.no')}</Fact>
            {request.exportDelivery !== null ? <Fact label={t('consoleRequests:detail.delivery')}>{t(deliveryKey[request.exportDelivery])}</Fact> : null}
            {request.details !== null ? <Fact label={t('consoleRequests:detail.details')}>{request.details}</Fact> : null}
            {request.closedAt !== null ? <Fact label={t('consoleRequests:detail.closedAt')}>{localDateTime(request.closedAt)}</Fact> : null}
          </dl>
        </div>
        <div>
          <h2 className="console-section-title">{t('consoleRequests:detail.actions')}</h2>
          {readOnly ? <p className="console-notice">{t('consoleRequests:detail.readOnly')}</p> : null}
          {!readOnly && actions.length === 0 ? <p className="console-muted">{t('consoleRequests:detail.noActions')}</p> : null}
          <div className="request-actions" data-testid="request-actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'acknowledge' || action === 'complete' ? 'button button-primary' : 'button button-secondary'}
                data-testid={`action-${action}`}
                disabled={mutation.isPending || (action === 'download' && downloading)}
                onClick={() => start(action)}
              >
                {t(buttonKey[action])}
              </button>
            ))}
          </div>
          {saved ? (
            <p className="request-saved" role="status" data-testid="action-saved">
              {t('consoleRequests:detail.saved')}
            </p>
          ) : null}
          {downloadError ? <ErrorMessage error={downloadError} overrides={{ ...requestErrorOverrides, wrong_state: 'consoleRequests:error.notPrepared' }} /> : null}
          {copy ? (
            <div className="request-export" data-testid="export-copy">
              <h3 className="console-section-title">{t('consoleRequests:export.title')}</h3>
              <p className="console-muted">
                {t('consoleRequests:export.preparedAt', { date: localDateTime(copy.preparedAt) })} · {t('consoleRequests:export.downloaded', { file: `kiot-export-${request.id}.json` })}
              </p>
              <h4>{t('consoleRequests:export.summary')}</h4>
              <pre className="request-export-summary">{copy.summary}</pre>
              <button type="button" className="button button-secondary" onClick={() => setCopy(null)}>
                {t('consoleRequests:button.hideExport')}
              </button>
            </div>
          ) : null}
        </div>
      </div>

      <h2 className="console-section-title">{t('consoleRequests:detail.history')}</h2>
      <table className="request-grid" data-testid="request-history">
        <thead>
          <tr>
            <th scope="col">{t('consoleRequests:detail.historyAt')}</th>
            <th scope="col">{t('consoleRequests:detail.historyAction')}</th>
            <th scope="col">{t('consoleRequests:detail.historyBy')}</th>
            <th scope="col">{t('consoleRequests:detail.historyReason')}</th>
          </tr>
        </thead>
        <tbody>
          {request.history.map((event, index) => (
            <tr key={`${event.at}-${index}`} data-testid="history-row">
              <td className="request-nowrap">{localDateTime(event.at)}</td>
              <td>{t(actionKey[event.action])}</td>
              <td>{t(actorKey[event.actor])}</td>
              <td>{event.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {open === 'release' || open === 'refuse' ? (
        <ReasonDialog
          testId="action-dialog"
          title={t(open === 'release' ? 'consoleRequests:form.releaseTitle' : 'consoleRequests:form.refuseTitle')}
          description={
            <p className="console-muted">
              {t(open === 'release' ? 'consoleRequests:form.reasonPrivate' : 'consoleRequests:form.reasonShown')} · {t('consoleRequests:form.audited')}
            </p>
          }
          choices={
            open === 'release'
              ? [
                  { id: 'authorityDone', label: t('consoleRequests:reasons.authorityDone') },
                  { id: 'disputeSettled', label: t('consoleRequests:reasons.disputeSettled') },
                  { id: 'identityConfirmed', label: t('consoleRequests:reasons.identityConfirmed') },
                ]
              : [
                  { id: 'noGround', label: t('consoleRequests:reasons.noGround') },
                  { id: 'identityUnverified', label: t('consoleRequests:reasons.identityUnverified') },
                  { id: 'legalDuty', label: t('consoleRequests:reasons.legalDuty') },
                ]
          }
          busy={mutation.isPending}
          error={mutation.error ? errorText(t, toAppError(mutation.error), requestErrorOverrides) : null}
          onCancel={() => setOpen(null)}
          onConfirm={({ reason }) =>
            mutation.mutate(
              { action: open, reason },
              {
                onSuccess: () => {
                  setOpen(null);
                  setSaved(true);
                },
              },
            )
          }
        />
      ) : null}
      {open !== null && open !== 'release' && open !== 'refuse' ? (
        <ActionDialog
          action={open}
          busy={mutation.isPending}
          error={mutation.error ? toAppError(mutation.error) : null}
          onClose={() => setOpen(null)}
          onSubmit={(values) =>
            mutation.mutate(values, {
              onSuccess: () => {
                setOpen(null);
                setSaved(true);
              },
            })
          }
        />
      ) : null}
    </>
  );
}
