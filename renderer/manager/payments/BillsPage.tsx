import { useState } from 'react';
import type { FormEvent, JSX } from 'react';
import { CONSOLE_PAYMENTS_PAGE } from '../../../shared/contract/console-payments';
import type { ConsoleBillsQuery } from '../../../shared/contract/console-payments';
import { formatInstant, formatLocalDate } from '../../../shared/dates';
import type { Bill, BillStatus } from '../../../shared/domain';
import { BillingMonth } from '../../../shared/domain';
import { formatVnd } from '../../../shared/money';
import { useKiot } from '../../components/KiotProvider';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../i18n/error-text';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { downloadCsv } from '../audit/csv-download';
import { DataTable } from '../components/DataTable';
import type { DataColumn } from '../components/DataTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { useStaffRole } from '../console/staff-context';
import './payments.css';
import { billStatusKey, canReconcile, serviceKey } from './payment-text';
import { PaymentsTabs } from './PaymentsTabs';
import { useBills, usePaymentsWrite } from './queries';

const statuses: readonly BillStatus[] = ['unpaid', 'overdue', 'paid'];

function CashDialog({ bill, onClose }: { bill: Bill; onClose(): void }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const cash = usePaymentsWrite(api.consolePayments.payCash);
  return (
    <ReasonDialog
      title={t('consolePayments:cashDialog.title', { unit: bill.unitLabel, amount: formatVnd(bill.amountVnd - bill.paidVnd, locale) })}
      description={t('consolePayments:cashDialog.description')}
      choices={[{ id: 'office', label: t('consolePayments:cashDialog.reasonOffice') }]}
      confirmLabel={t('consolePayments:cashDialog.confirm')}
      busy={cash.isPending}
      error={cash.isError ? errorText(t, toAppError(cash.error)) : null}
      testId="cash-dialog"
      onCancel={onClose}
      onConfirm={({ reason }) => cash.mutate({ billId: bill.id, reason }, { onSuccess: onClose })}
    />
  );
}

type Filters = { unit: string; month: string; status: BillStatus | '' };

function toQuery(f: Filters, pageIndex: number): ConsoleBillsQuery {
  return {
    ...(f.unit.trim() !== '' ? { unit: f.unit.trim() } : {}),
    ...(BillingMonth.safeParse(f.month).success ? { month: f.month } : {}),
    ...(f.status !== '' ? { status: f.status } : {}),
    pageIndex,
    pageSize: CONSOLE_PAYMENTS_PAGE,
  };
}

/** The building's bills by unit, month and status; a bill paid at the office is marked here, and a month exported as CSV. */
export function BillsPage(): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const role = useStaffRole();
  const [form, setForm] = useState<Filters>({ unit: '', month: '', status: '' });
  const [applied, setApplied] = useState<Filters>(form);
  const [page, setPage] = useState(0);
  const [cashFor, setCashFor] = useState<Bill | null>(null);
  const list = useBills(toQuery(applied, page));
  const exporter = usePaymentsWrite(api.consolePayments.exportBills);
  const exportMonth = BillingMonth.safeParse(applied.month).success ? applied.month : null;
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    setApplied(form);
    setPage(0);
  };
  const columns: DataColumn<Bill>[] = [
    { id: 'unit', header: t('consolePayments:column.unit'), cell: (b) => <span data-testid="bill-unit">{b.unitLabel}</span> },
    { id: 'service', header: t('consolePayments:column.service'), cell: (b) => t(serviceKey[b.service]) },
    { id: 'month', header: t('consolePayments:column.month'), cell: (b) => b.month },
    { id: 'amount', header: t('consolePayments:column.amount'), align: 'end', cell: (b) => <span className="payments-nowrap">{formatVnd(b.amountVnd, locale)}</span> },
    { id: 'paid', header: t('consolePayments:column.paid'), align: 'end', cell: (b) => <span className="payments-nowrap">{formatVnd(b.paidVnd, locale)}</span> },
    { id: 'due', header: t('consolePayments:column.due'), cell: (b) => formatLocalDate(b.dueDate) },
    {
      id: 'status',
      header: t('consolePayments:column.status'),
      cell: (b) => (
        <span data-testid="bill-status">
          {t(billStatusKey[b.status])}
          {b.paidAt !== null ? <span className="console-muted"> · {formatInstant(b.paidAt)}</span> : null}
        </span>
      ),
    },
    {
      id: 'actions',
      header: t('consolePayments:column.actions'),
      cell: (b) =>
        canReconcile(role) && b.status !== 'paid' ? (
          <button type="button" className="console-button" data-testid="bill-cash-open" onClick={() => setCashFor(b)}>
            {t('consolePayments:action.cash')}
          </button>
        ) : null,
    },
  ];
  return (
    <section className="console-page payments-page" aria-labelledby="bills-title" data-testid="bills-page">
      <h1 id="bills-title" className="console-page-title">
        {t('consolePayments:bills.title')}
      </h1>
      <PaymentsTabs />
      <form className="payments-toolbar" aria-label={t('consolePayments:bills.filters')} onSubmit={apply} noValidate>
        <label className="payments-field">
          <span>{t('consolePayments:column.unit')}</span>
          <input type="text" maxLength={40} value={form.unit} data-testid="bills-filter-unit" onChange={(e) => setForm((f) => ({ ...f, unit: e.target.value }))} />
        </label>
        <label className="payments-field">
          <span>{t('consolePayments:column.month')}</span>
          <input type="month" value={form.month} data-testid="bills-filter-month" onChange={(e) => setForm((f) => ({ ...f, month: e.target.value }))} />
        </label>
        <label className="payments-field">
          <span>{t('consolePayments:column.status')}</span>
          <select value={form.status} data-testid="bills-filter-status" onChange={(e) => setForm((f) => ({ ...f, status: e.target.value as BillStatus | '' }))}>
            <option value="">{t('consolePayments:bills.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(billStatusKey[s])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="console-button is-primary" data-testid="bills-apply">
          {t('consolePayments:bills.find')}
        </button>
        <button
          type="button"
          className="console-button"
          data-testid="bills-export"
          disabled={exportMonth === null || exporter.isPending}
          title={exportMonth === null ? t('consolePayments:bills.exportNeedsMonth') : undefined}
          onClick={() => {
            if (exportMonth !== null) exporter.mutate({ month: exportMonth }, { onSuccess: (file) => downloadCsv(file.csv, file.filename) });
          }}
        >
          {t('consolePayments:bills.export')}
        </button>
        <span className="payments-total" data-testid="bills-total" aria-live="polite">
          {list.data ? t('consolePayments:bills.total', { count: list.data.total }) : ''}
        </span>
      </form>
      {exportMonth === null ? <p className="console-muted">{t('consolePayments:bills.exportNeedsMonth')}</p> : null}
      {exporter.isError ? <ErrorMessage error={toAppError(exporter.error)} /> : null}
      {list.isPending ? <p className="console-muted" role="status">{t('consolePayments:loading')}</p> : null}
      {list.isError ? <ErrorMessage error={toAppError(list.error)} onRetry={() => void list.refetch()} retryDisabled={list.isFetching} /> : null}
      {list.data ? (
        <DataTable
          label={t('consolePayments:bills.title')}
          testId="bills-table"
          rows={list.data.bills}
          columns={columns}
          rowKey={(b) => b.id}
          emptyText={t('consolePayments:bills.empty')}
          serverPaging={{ total: list.data.total, pageIndex: page, pageSize: CONSOLE_PAYMENTS_PAGE, onPageChange: setPage }}
        />
      ) : null}
      {cashFor !== null ? <CashDialog bill={cashFor} onClose={() => setCashFor(null)} /> : null}
    </section>
  );
}
