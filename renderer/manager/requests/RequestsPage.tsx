import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { CONSOLE_REQUESTS_PAGE } from '../../../shared/contract/console-requests';
import type { ConsoleRequestsQuery } from '../../../shared/contract/console-requests';
import type { StaffRequest } from '../../../shared/hub-api/requests';
import { RequestKind, RequestStatus, requestKinds, requestStatuses } from '../../../shared/requests';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DataTable } from '../components/DataTable';
import type { DataColumn } from '../components/DataTable';
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
  const navigate = useNavigate();
  const now = useNow(30_000);
  const change = (next: Partial<Filters>): void => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(0);
  };
  const total = list.data?.total ?? 0;
  const columns: DataColumn<StaffRequest>[] = [
    {
      id: 'kind',
      header: t('consoleRequests:column.kind'),
      cell: (request) => (
        <span className="request-kind-cell">
          <Link to="/requests/$requestId" params={{ requestId: request.id }} className="console-link" data-testid="request-open">
            {t(kindKey[request.kind])}
          </Link>
          <OverdueMarks request={request} />
        </span>
      ),
    },
    {
      id: 'resident',
      header: t('consoleRequests:column.resident'),
      cell: (request) => <span data-testid="request-resident">{request.residentName ?? <span className="console-muted">{t('consoleRequests:erasedResident')}</span>}</span>,
    },
    { id: 'unit', header: t('consoleRequests:column.unit'), cell: (request) => (request.unitLabels.length > 0 ? request.unitLabels.join(', ') : t('consoleRequests:noUnit')) },
    { id: 'status', header: t('consoleRequests:column.status'), cell: (request) => <span data-testid="request-status">{t(statusKey[request.status])}</span> },
    { id: 'received', header: t('consoleRequests:column.received'), cell: (request) => <span className="request-nowrap">{localDateTime(request.createdAt)}</span> },
    {
      id: 'acknowledgeDue',
      header: t('consoleRequests:column.acknowledgeDue'),
      cell: (request) => <span className={request.overdueAcknowledge ? 'request-nowrap request-late' : 'request-nowrap'}>{localDateTime(request.acknowledgeDueAt)}</span>,
    },
    {
      id: 'actDue',
      header: t('consoleRequests:column.actDue'),
      cell: (request) => <span className={request.overdueAct ? 'request-nowrap request-late' : 'request-nowrap'}>{localDateTime(request.actDueAt)}</span>,
    },
    { id: 'erasure', header: t('consoleRequests:column.erasure'), cell: (request) => <ErasureCell request={request} now={now} /> },
  ];

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
      {list.data ? (
        <DataTable
          label={t('consoleRequests:title')}
          testId="requests-table"
          rows={list.data.requests}
          columns={columns}
          rowKey={(request) => request.id}
          emptyText={t('consoleRequests:empty')}
          serverPaging={{ total, pageIndex: page, pageSize: CONSOLE_REQUESTS_PAGE, onPageChange: setPage }}
          rowClassName={(request) => (isOverdue(request) ? 'request-row-overdue' : undefined)}
          onOpenRow={(request) => void navigate({ to: '/requests/$requestId', params: { requestId: request.id } })}
        />
      ) : null}
    </section>
  );
}
