import { useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { AuditAction } from '../../../shared/audit';
import { CONSOLE_AUDIT_PAGE } from '../../../shared/contract/console-audit';
import type { ConsoleAuditFilters } from '../../../shared/contract/console-audit';
import { formatInstant } from '../../../shared/dates';
import { StaffRole } from '../../../shared/domain';
import type { AuditEventView, AuditVerifyResponse } from '../../../shared/hub-api/audit';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ErrorOverrides } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';
import './audit.css';
import { emptyFilters, rangeValid, toFilters } from './audit-filters';
import type { AuditFilterForm } from './audit-filters';
import { downloadCsv } from './csv-download';
import { useAuditChain, useAuditExport, useAuditList } from './queries';

const overrides: ErrorOverrides = { forbidden: 'consoleAudit:refused' };

const roleKeys: Readonly<Record<StaffRole, MessageKey>> = {
  admin: 'consoleAudit:role.admin',
  manager: 'consoleAudit:role.manager',
  care: 'consoleAudit:role.care',
  auditor: 'consoleAudit:role.auditor',
};

const problemKeys: Readonly<Record<Extract<AuditVerifyResponse, { ok: false }>['broken']['problem'], MessageKey>> = {
  hash_mismatch: 'consoleAudit:chain.problem.hash_mismatch',
  prev_hash_mismatch: 'consoleAudit:chain.problem.prev_hash_mismatch',
  seq_gap: 'consoleAudit:chain.problem.seq_gap',
  head_mismatch: 'consoleAudit:chain.problem.head_mismatch',
  head_missing: 'consoleAudit:chain.problem.head_missing',
};

function ChainStatus(): JSX.Element {
  const t = useT();
  const chain = useAuditChain();
  if (chain.isPending) return <p className="console-muted" role="status">{t('consoleAudit:chain.checking')}</p>;
  if (chain.isError || !chain.data) return <p className="audit-chain audit-chain-broken" role="alert" data-testid="audit-chain">{t('consoleAudit:chain.failed')}</p>;
  const result = chain.data;
  if (result.ok) {
    const count = result.buildings.reduce((sum, b) => sum + b.events, 0);
    return (
      <p className="audit-chain audit-chain-ok" data-testid="audit-chain" data-ok="true">
        <span aria-hidden="true">✔ </span>
        {t('consoleAudit:chain.ok', { count })}
      </p>
    );
  }
  return (
    <p className="audit-chain audit-chain-broken" role="alert" data-testid="audit-chain" data-ok="false" data-seq={result.broken.seq}>
      <span aria-hidden="true">⚠ </span>
      {t('consoleAudit:chain.broken', { seq: result.broken.seq, problem: t(problemKeys[result.broken.problem]) })}
    </p>
  );
}

function ActorCell({ event }: { event: AuditEventView }): JSX.Element {
  const t = useT();
  const { actor } = event;
  if (actor.kind === 'system') return <>{t('consoleAudit:actor.system', { job: actor.id })}</>;
  if (actor.kind === 'resident') return <>{t('consoleAudit:actor.resident')}</>;
  const role = StaffRole.safeParse(actor.role).data;
  return (
    <>
      <span>{actor.name ?? actor.id}</span>
      {role !== undefined ? <span className="console-muted"> · {t(roleKeys[role])}</span> : null}
      <br />
      <code className="audit-id">{actor.id}</code>
    </>
  );
}

function detailText(detail: Record<string, string> | null): string {
  if (detail === null) return '';
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}

/** The building's audit log with filters, stable paging, the chain check and a CSV export. */
export function AuditPage(): JSX.Element {
  const t = useT();
  const [form, setForm] = useState<AuditFilterForm>(emptyFilters);
  const [applied, setApplied] = useState<ConsoleAuditFilters>({});
  const [page, setPage] = useState(0);
  // The first page's head: later pages are pinned to it, so they do not shift as events come in.
  const [pinned, setPinned] = useState<number | undefined>(undefined);
  const list = useAuditList({ ...applied, ...(page > 0 && pinned !== undefined ? { upToSeq: pinned } : {}), limit: CONSOLE_AUDIT_PAGE, offset: page * CONSOLE_AUDIT_PAGE });
  const exporter = useAuditExport();
  const [exported, setExported] = useState<{ rows: number; truncated: boolean } | null>(null);
  if (page === 0 && list.data && !list.isPlaceholderData && pinned !== list.data.headSeq) setPinned(list.data.headSeq);

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / CONSOLE_AUDIT_PAGE));
  const validRange = rangeValid(form);

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    if (!validRange) return;
    setApplied(toFilters(form));
    setPage(0);
    setExported(null);
  };
  const clear = (): void => {
    setForm(emptyFilters);
    setApplied({});
    setPage(0);
    setExported(null);
  };
  const exportCsv = (): void => {
    setExported(null);
    exporter.mutate(applied, {
      onSuccess: (result) => {
        downloadCsv(result.csv, result.filename);
        setExported({ rows: result.rows, truncated: result.truncated });
      },
    });
  };
  const field = (name: keyof AuditFilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));

  return (
    <section className="console-page audit-page" aria-labelledby="audit-title" data-testid="audit-page">
      <h1 id="audit-title" className="console-page-title">
        {t('consoleAudit:title')}
      </h1>
      <p className="console-muted">{t('consoleAudit:intro')}</p>
      <ChainStatus />
      <form className="audit-toolbar" aria-label={t('consoleAudit:filters.label')} onSubmit={apply} noValidate>
        <label className="audit-field">
          <span>{t('consoleAudit:filters.staffId')}</span>
          <input type="text" data-testid="audit-filter-staff" value={form.staffId} onChange={field('staffId')} maxLength={100} />
        </label>
        <label className="audit-field">
          <span>{t('consoleAudit:filters.residentId')}</span>
          <input type="text" data-testid="audit-filter-resident" value={form.residentId} onChange={field('residentId')} maxLength={100} />
        </label>
        <label className="audit-field">
          <span>{t('consoleAudit:filters.action')}</span>
          <select data-testid="audit-filter-action" value={form.action} onChange={(e) => setForm((f) => ({ ...f, action: e.target.value === '' ? '' : AuditAction.parse(e.target.value) }))}>
            <option value="">{t('consoleAudit:filters.any')}</option>
            {AuditAction.options.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="audit-field">
          <span>{t('consoleAudit:filters.from')}</span>
          <input type="date" data-testid="audit-filter-from" value={form.from} onChange={field('from')} aria-invalid={!validRange} />
        </label>
        <label className="audit-field">
          <span>{t('consoleAudit:filters.to')}</span>
          <input type="date" data-testid="audit-filter-to" value={form.to} onChange={field('to')} aria-invalid={!validRange} />
        </label>
        <button type="submit" className="button" data-testid="audit-apply" disabled={!validRange}>
          {t('consoleAudit:filters.apply')}
        </button>
        <button type="button" className="button button-secondary" data-testid="audit-clear" onClick={clear}>
          {t('consoleAudit:filters.clear')}
        </button>
        <button type="button" className="button button-secondary" data-testid="audit-export" disabled={exporter.isPending} onClick={exportCsv}>
          {exporter.isPending ? t('consoleAudit:export.working') : t('consoleAudit:export.button')}
        </button>
        <button type="button" className="button button-secondary" data-testid="audit-refresh" disabled={list.isFetching} onClick={() => { setPage(0); void list.refetch(); }}>
          {t('consoleAudit:refresh')}
        </button>
      </form>
      {!validRange ? (
        <p className="form-error" role="alert">
          {t('consoleAudit:filters.badRange')}
        </p>
      ) : null}
      {exported ? (
        <p className="console-muted" role="status" data-testid="audit-exported">
          {t('consoleAudit:export.ready', { count: exported.rows })} {exported.truncated ? t('consoleAudit:export.truncated', { count: exported.rows }) : ''}
        </p>
      ) : null}
      {exporter.isError ? <ErrorMessage error={toAppError(exporter.error)} overrides={overrides} /> : null}

      {list.isPending ? (
        <p className="console-muted" role="status">
          {t('consoleAudit:loading')}
        </p>
      ) : null}
      {list.isError ? <ErrorMessage error={toAppError(list.error)} overrides={overrides} onRetry={() => void list.refetch()} retryDisabled={list.isFetching} /> : null}
      {list.data ? (
        <p className="audit-total" data-testid="audit-total" aria-live="polite">
          {t('consoleAudit:total', { count: total })}
        </p>
      ) : null}
      {list.data && list.data.events.length === 0 ? (
        <p className="console-muted" data-testid="audit-empty">
          {t('consoleAudit:empty')}
        </p>
      ) : null}
      {list.data && list.data.events.length > 0 ? (
        <div className="console-table-wrap">
          <table className="console-table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('consoleAudit:column.seq')}</th>
                <th scope="col">{t('consoleAudit:column.at')}</th>
                <th scope="col">{t('consoleAudit:column.actor')}</th>
                <th scope="col">{t('consoleAudit:column.action')}</th>
                <th scope="col">{t('consoleAudit:column.resident')}</th>
                <th scope="col">{t('consoleAudit:column.reason')}</th>
                <th scope="col">{t('consoleAudit:column.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.events.map((event) => (
                <tr key={event.id} data-testid="audit-row" data-seq={event.seq}>
                  <td className="console-nowrap">{event.seq}</td>
                  <td className="console-nowrap">{formatInstant(event.at)}</td>
                  <td>
                    <ActorCell event={event} />
                  </td>
                  <td data-testid="audit-action">
                    <code>{event.action}</code>
                  </td>
                  <td>{event.residentId !== null ? <code className="audit-id">{event.residentId}</code> : t('consoleAudit:noResident')}</td>
                  <td data-testid="audit-reason">{event.reason ?? ''}</td>
                  <td className="audit-detail">{detailText(event.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="audit-pager" aria-label={t('consoleAudit:page', { page: page + 1, pages })}>
          <button type="button" className="button button-secondary" data-testid="audit-previous" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
            {t('consoleAudit:previous')}
          </button>
          <span>{t('consoleAudit:page', { page: page + 1, pages })}</span>
          <button type="button" className="button button-secondary" data-testid="audit-next" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('consoleAudit:next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
