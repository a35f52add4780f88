import { useState } from 'react';
import type { JSX } from 'react';
import { CONSOLE_PAYMENTS_PAGE } from '../../../shared/contract/console-payments';
import { formatInstant } from '../../../shared/dates';
import type { Bill } from '../../../shared/domain';
import { formatVnd } from '../../../shared/money';
import type { BankTransfer, TransferMatch } from '../../../shared/payments';
import { transferMatches } from '../../../shared/payments';
import { useKiot } from '../../components/KiotProvider';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { errorText } from '../../i18n/error-text';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { DataTable } from '../components/DataTable';
import type { DataColumn } from '../components/DataTable';
import { ReasonDialog } from '../components/ReasonDialog';
import { useStaffRole } from '../console/staff-context';
import './payments.css';
import { billStatusKey, canReconcile, matchKey, serviceKey } from './payment-text';
import { PaymentsTabs } from './PaymentsTabs';
import { useBills, usePaymentsWrite, useTransfers } from './queries';

const settled: ReadonlySet<TransferMatch> = new Set(['matched', 'resolved', 'ignored']);

/** Search a unit's unpaid bills and pick those the transfer pays; the reason comes from the dialog around it. */
function MatchDialog({ transfer, onClose }: { transfer: BankTransfer; onClose(): void }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const [unitText, setUnitText] = useState('');
  const [unit, setUnit] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const found = useBills({ ...(unit !== null ? { unit } : {}), pageSize: 200 }, unit !== null);
  const open = (found.data?.bills ?? []).filter((b) => b.status !== 'paid');
  const match = usePaymentsWrite(api.consolePayments.matchTransfer);
  const sum = open.filter((b) => picked.has(b.id)).reduce((s, b) => s + b.amountVnd - b.paidVnd, 0);
  const toggle = (bill: Bill): void => {
    setProblem(null);
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(bill.id)) next.delete(bill.id);
      else next.add(bill.id);
      return next;
    });
  };
  return (
    <ReasonDialog
      title={t('consolePayments:matchDialog.title', { amount: formatVnd(transfer.amountVnd, locale) })}
      description={t('consolePayments:matchDialog.description')}
      choices={[
        { id: 'resident', label: t('consolePayments:matchDialog.reasonResident') },
        { id: 'typo', label: t('consolePayments:matchDialog.reasonTypo') },
      ]}
      confirmLabel={t('consolePayments:matchDialog.confirm')}
      busy={match.isPending}
      error={problem ?? (match.isError ? errorText(t, toAppError(match.error)) : null)}
      testId="match-dialog"
      onCancel={onClose}
      onConfirm={({ reason }) => {
        if (picked.size === 0) {
          setProblem(t('consolePayments:matchDialog.pickBills'));
          return;
        }
        match.mutate({ transferId: transfer.id, billIds: [...picked], reason }, { onSuccess: onClose });
      }}
    >
      <p className="payments-content">
        <span className="console-muted">{t('consolePayments:column.content')}: </span>
        <q>{transfer.content}</q>
      </p>
      <div className="payments-unit-search">
        <label className="payments-field">
          <span>{t('consolePayments:matchDialog.unit')}</span>
          <input type="text" value={unitText} maxLength={40} data-testid="match-unit" onChange={(e) => setUnitText(e.target.value)} />
        </label>
        <button
          type="button"
          className="console-button"
          data-testid="match-unit-search"
          onClick={() => {
            setPicked(new Set());
            setUnit(unitText.trim() === '' ? null : unitText.trim());
          }}
        >
          {t('consolePayments:matchDialog.search')}
        </button>
      </div>
      {unit !== null && found.data && open.length === 0 ? <p className="console-muted">{t('consolePayments:matchDialog.noBills')}</p> : null}
      {open.length > 0 ? (
        <fieldset className="payments-bill-picks">
          <legend>{t('consolePayments:matchDialog.bills')}</legend>
          {open.map((bill) => (
            <label key={bill.id} className="payments-bill-pick" data-testid="match-bill" data-bill-id={bill.id}>
              <input type="checkbox" checked={picked.has(bill.id)} onChange={() => toggle(bill)} />
              <span>
                {bill.unitLabel} · {t(serviceKey[bill.service])} · {bill.month} · {formatVnd(bill.amountVnd - bill.paidVnd, locale)} · {t(billStatusKey[bill.status])}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {open.length > 0 ? <p data-testid="match-sum">{t('consolePayments:matchDialog.sum', { sum: formatVnd(sum, locale), amount: formatVnd(transfer.amountVnd, locale) })}</p> : null}
    </ReasonDialog>
  );
}

function IgnoreDialog({ transfer, onClose }: { transfer: BankTransfer; onClose(): void }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const api = useKiot();
  const ignore = usePaymentsWrite(api.consolePayments.ignoreTransfer);
  return (
    <ReasonDialog
      title={t('consolePayments:ignoreDialog.title', { amount: formatVnd(transfer.amountVnd, locale) })}
      description={t('consolePayments:ignoreDialog.description')}
      choices={[
        { id: 'refund', label: t('consolePayments:ignoreDialog.reasonRefund') },
        { id: 'other', label: t('consolePayments:ignoreDialog.reasonNotBill') },
      ]}
      confirmLabel={t('consolePayments:ignoreDialog.confirm')}
      busy={ignore.isPending}
      error={ignore.isError ? errorText(t, toAppError(ignore.error)) : null}
      testId="ignore-dialog"
      onCancel={onClose}
      onConfirm={({ reason }) => ignore.mutate({ transferId: transfer.id, reason }, { onSuccess: onClose })}
    />
  );
}

/** Incoming transfers, those needing a manager first (the hub's order), with the manual match and set-aside. */
export function TransfersPage(): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const role = useStaffRole();
  const [match, setMatch] = useState<TransferMatch | null>('unmatched');
  const [page, setPage] = useState(0);
  const [dialog, setDialog] = useState<{ kind: 'match' | 'ignore'; transfer: BankTransfer } | null>(null);
  const list = useTransfers({ ...(match !== null ? { match } : {}), pageIndex: page, pageSize: CONSOLE_PAYMENTS_PAGE });
  const writes = canReconcile(role);
  const columns: DataColumn<BankTransfer>[] = [
    { id: 'received', header: t('consolePayments:column.received'), cell: (tr) => <span className="payments-nowrap">{formatInstant(tr.receivedAt)}</span> },
    { id: 'amount', header: t('consolePayments:column.amount'), align: 'end', cell: (tr) => <span className="payments-nowrap">{formatVnd(tr.amountVnd, locale)}</span> },
    { id: 'content', header: t('consolePayments:column.content'), cell: (tr) => <span data-testid="transfer-content">{tr.content}</span> },
    { id: 'reference', header: t('consolePayments:column.reference'), cell: (tr) => <code>{tr.providerTxId}</code> },
    { id: 'match', header: t('consolePayments:column.match'), cell: (tr) => <span data-testid="transfer-match" className={`payments-match payments-match-${tr.match}`}>{t(matchKey[tr.match])}</span> },
    { id: 'unit', header: t('consolePayments:column.unit'), cell: (tr) => tr.unitLabels.join(', ') },
    {
      id: 'actions',
      header: t('consolePayments:column.actions'),
      cell: (tr) =>
        writes && !settled.has(tr.match) ? (
          <span className="payments-actions">
            <button type="button" className="console-button is-primary" data-testid="transfer-match-open" onClick={() => setDialog({ kind: 'match', transfer: tr })}>
              {t('consolePayments:action.match')}
            </button>
            <button type="button" className="console-button" data-testid="transfer-ignore-open" onClick={() => setDialog({ kind: 'ignore', transfer: tr })}>
              {t('consolePayments:action.ignore')}
            </button>
          </span>
        ) : (
          <span className="console-muted">{tr.resolutionReason ?? ''}</span>
        ),
    },
  ];
  return (
    <section className="console-page payments-page" aria-labelledby="transfers-title" data-testid="transfers-page">
      <h1 id="transfers-title" className="console-page-title">
        {t('consolePayments:transfers.title')}
      </h1>
      <PaymentsTabs />
      <p className="console-muted">{t('consolePayments:transfers.intro')}</p>
      <div className="payments-toolbar">
        <label className="payments-field">
          <span>{t('consolePayments:transfers.filter')}</span>
          <select
            data-testid="transfers-filter"
            value={match ?? ''}
            onChange={(e) => {
              setMatch(e.target.value === '' ? null : (e.target.value as TransferMatch));
              setPage(0);
            }}
          >
            <option value="">{t('consolePayments:transfers.all')}</option>
            {transferMatches.map((m) => (
              <option key={m} value={m}>
                {t(matchKey[m])}
              </option>
            ))}
          </select>
        </label>
        <span className="payments-total" data-testid="transfers-total" aria-live="polite">
          {list.data ? t('consolePayments:transfers.total', { count: list.data.total }) : ''}
        </span>
        <button type="button" className="console-button" disabled={list.isFetching} onClick={() => void list.refetch()} data-testid="transfers-refresh">
          {t('consolePayments:refresh')}
        </button>
      </div>
      {list.isPending ? <p className="console-muted" role="status">{t('consolePayments:loading')}</p> : null}
      {list.isError ? <ErrorMessage error={toAppError(list.error)} onRetry={() => void list.refetch()} retryDisabled={list.isFetching} /> : null}
      {list.data ? (
        <DataTable
          label={t('consolePayments:transfers.title')}
          testId="transfers-table"
          rows={list.data.transfers}
          columns={columns}
          rowKey={(tr) => tr.id}
          emptyText={t('consolePayments:transfers.empty')}
          serverPaging={{ total: list.data.total, pageIndex: page, pageSize: CONSOLE_PAYMENTS_PAGE, onPageChange: setPage }}
        />
      ) : null}
      {dialog?.kind === 'match' ? <MatchDialog transfer={dialog.transfer} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'ignore' ? <IgnoreDialog transfer={dialog.transfer} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
