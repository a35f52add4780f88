import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { CONSOLE_REQUESTS_PAGE } from '../../../shared/contract/console-requests';
import type { ConsoleRequestsQuery } from '../../../shared/contract/console-requests';
import type { StaffRequest } from '../../../shared/hub-api/requests';
import { RequestKind, RequestStatus, requestKinds, requestStatuses } from '../../../shared/requests';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n/I18nProvider';
import './requests.css';
import { ErasureCell, OverdueMarks } from './ErasureCell';
import { requestErrorOverrides } from './request-errors';
import { useRequestList } from './queries';
import { kindKey, localDateTime, statusKey } from './request-text';
import { useNow } from './use-now';

type Filters = { status: RequestStatus | null; kind: RequestKind | null; overdueOnly: boolean };

function toQuery(filters: Filters, page: number): ConsoleRequestsQuery {
  return {
    ...(filters.status !== null ? { status: filters.status } : {}),
    ...(filters.kind !== null ? { kind: filters.kind } : {}),
    ...(filters.overdueOnly ? { overdueOnly: true } : {}),
    limit: CONSOLE_REQUESTS_PAGE,
    offset: page * CONSOLE_REQUESTS_PAGE,
  };
}

const isOverdue = (request: StaffRequest): boolean => request.overdueAcknowledge || request.overdueAct;

/** The building's data-subject requests, overdue first (the hub's order), with filters and deletion countdowns. */
export function RequestsPage(): JSX.Element {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({ status: null, kind: null, overdueOnly: false });
  const [page, setPage] = useState(0);
  const list = useRequestList(toQuery(filters, page));
  const now = useNow(30_000);
  const change = (next: Partial<Filters>): void => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(0);
  };
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / CONSOLE_REQUESTS_PAGE));

  return (
    <section className="console-page request-page" aria-labelledby="requests-title" data-testid="requests-page">
      <h1 id="requests-title" className="console-page-title">
        {t('consoleRequests:title')}
      </h1>
      <form className="request-filters" aria-label={t('consoleRequests:filters.label')} onSubmit={(e) => e.preventDefault()}>
        <label className="request-filter">
          <span>{t('consoleRequests:filters.status')}</span>
          <select
            data-testid="filter-status"
            value={filters.status ?? ''}
            onChange={(e) => change({ status: e.target.value === '' ? null : RequestStatus.parse(e.target.value) })}
          >
            <option value="">{t('consoleRequests:filters.any')}</option>
            {requestStatuses.map((status) => (
              <option key={status} value={status}>
                {t(statusKey[status])}
              </option>
            ))}
          </select>
        </label>
        <label className="request-filter">
          <span>{t('consoleRequests:filters.kind')}</span>
          <select data-testid="filter-kind" value={filters.kind ?? ''} onChange={(e) => change({ kind: e.target.value === '' ? null : RequestKind.parse(e.target.value) })}>
            <option value="">{t('consoleRequests:filters.any')}</option>
            {requestKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(kindKey[kind])}
              </option>
            ))}
          </select>
        </label>
        <label className="request-filter request-filter-check">
          <input type="checkbox" data-testid="filter-overdue" checked={filters.overdueOnly} onChange={(e) => change({ overdueOnly: e.target.checked })} />
          <span>{t('consoleRequests:filters.overdueOnly')}</span>
        </label>
        <span className="request-total" data-testid="requests-total" aria-live="polite">
          {list.data ? t('consoleRequests:total', { count: total }) : ''}
        </span>
        <button type="button" className="button button-secondary" data-testid="requests-refresh" disabled={list.isFetching} onClick={() => void list.refetch()}>
          {t('consoleRequests:refresh')}
        </button>
      </form>

      {list.isPending ? (
        <p className="console-muted" role="status">
          {t('consoleRequests:loading')}
        </p>
      ) : null}
      {list.isError ? <ErrorMessage error={toAppError(list.error)} overrides={requestErrorOverrides} onRetry={() => void list.refetch()} retryDisabled={list.isFetching} /> : null}
      {list.data && list.data.requests.length === 0 ? (
        <p className="console-muted" data-testid="requests-empty">
          {t('consoleRequests:empty')}
        </p>
      ) : null}
      {list.data && list.data.requests.length > 0 ? (
        <div className="request-table-wrap">
          <table className="request-grid request-table" data-testid="requests-table">
            <thead>
              <tr>
                <th scope="col">{t('consoleRequests:column.kind')}</th>
                <th scope="col">{t('consoleRequests:column.resident')}</th>
                <th scope="col">{t('consoleRequests:column.unit')}</th>
                <th scope="col">{t('consoleRequests:column.status')}</th>
                <th scope="col">{t('consoleRequests:column.received')}</th>
                <th scope="col">{t('consoleRequests:column.acknowledgeDue')}</th>
                <th scope="col">{t('consoleRequests:column.actDue')}</th>
                <th scope="col">{t('consoleRequests:column.erasure')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.requests.map((request) => (
                <tr key={request.id} className={isOverdue(request) ? 'request-row request-row-overdue' : 'request-row'} data-testid="request-row" data-request-id={request.id}>
                  <td className="request-kind-cell">
                    <Link to="/requests/$requestId" params={{ requestId: request.id }} className="console-link" data-testid="request-open">
                      {t(kindKey[request.kind])}
                    </Link>
                    <OverdueMarks request={request} />
                  </td>
                  <td data-testid="request-resident">{request.residentName ?? <span className="console-muted">{t('consoleRequests:erasedResident')}</span>}</td>
                  <td>{request.unitLabels.length > 0 ? request.unitLabels.join(', ') : t('consoleRequests:noUnit')}</td>
                  <td data-testid="request-status">{t(statusKey[request.status])}</td>
                  <td className="request-nowrap">{localDateTime(request.createdAt)}</td>
                  <td className={request.overdueAcknowledge ? 'request-nowrap request-late' : 'request-nowrap'}>{localDateTime(request.acknowledgeDueAt)}</td>
                  <td className={request.overdueAct ? 'request-nowrap request-late' : 'request-nowrap'}>{localDateTime(request.actDueAt)}</td>
                  <td>
                    <ErasureCell request={request} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="request-pager" aria-label={t('consoleRequests:page', { page: page + 1, pages })}>
          <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
            {t('consoleRequests:previous')}
          </button>
          <span>{t('consoleRequests:page', { page: page + 1, pages })}</span>
          <button type="button" className="button button-secondary" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('consoleRequests:next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
