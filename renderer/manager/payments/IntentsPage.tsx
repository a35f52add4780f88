import type { JSX } from 'react';
import { formatInstant } from '../../../shared/dates';
import type { StaffPaymentIntent } from '../../../shared/hub-api/payment-reconciliation';
import { formatVnd } from '../../../shared/money';
import { toAppError } from '../../components/call';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { DataTable } from '../components/DataTable';
import type { DataColumn } from '../components/DataTable';
import './payments.css';
import { intentStatusKey } from './payment-text';
import { PaymentsTabs } from './PaymentsTabs';
import { useFlaggedIntents } from './queries';

/** Payment intents the nightly sweep flagged: opened at a kiosk, and no money (or not all of it) came. */
export function IntentsPage(): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const list = useFlaggedIntents();
  const columns: DataColumn<StaffPaymentIntent>[] = [
    { id: 'code', header: t('consolePayments:column.code'), cell: (i) => <code>{i.code}</code> },
    { id: 'unit', header: t('consolePayments:column.unit'), cell: (i) => i.unitLabel },
    { id: 'amount', header: t('consolePayments:column.amount'), align: 'end', cell: (i) => formatVnd(i.amountVnd, locale) },
    { id: 'received', header: t('consolePayments:column.paid'), align: 'end', cell: (i) => formatVnd(i.receivedVnd, locale) },
    { id: 'status', header: t('consolePayments:column.status'), cell: (i) => t(intentStatusKey[i.status]) },
    { id: 'created', header: t('consolePayments:column.created'), cell: (i) => formatInstant(i.createdAt) },
    { id: 'flagged', header: t('consolePayments:column.flagged'), cell: (i) => (i.flaggedAt !== null ? formatInstant(i.flaggedAt) : '') },
  ];
  return (
    <section className="console-page payments-page" aria-labelledby="intents-title" data-testid="intents-page">
      <h1 id="intents-title" className="console-page-title">
        {t('consolePayments:intents.title')}
      </h1>
      <PaymentsTabs />
      <p className="console-muted">{t('consolePayments:intents.intro')}</p>
      {list.isPending ? <p className="console-muted" role="status">{t('consolePayments:loading')}</p> : null}
      {list.isError ? <ErrorMessage error={toAppError(list.error)} onRetry={() => void list.refetch()} retryDisabled={list.isFetching} /> : null}
      {list.data ? (
        <DataTable label={t('consolePayments:intents.title')} testId="intents-table" rows={list.data.intents} columns={columns} rowKey={(i) => i.id} emptyText={t('consolePayments:intents.empty')} />
      ) : null}
    </section>
  );
}
