import type { JSX } from 'react';
import { formatLocalDate, formatMonth } from '../../../shared/dates';
import { formatVnd } from '../../../shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { groupBillsByMonth, unpaidTotal } from './bill-groups';
import { useBills } from './bills-store';
import { serviceKey } from './service-key';
import { StatusBadge, statusKey } from './StatusBadge';

export type BillsScreenProps = {
  onOpenBill(billId: string): void;
};

/** The signed-in home: the unpaid total and the bills by month, newest first. */
export function BillsScreen({ onOpenBill }: BillsScreenProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { bills, loading, failure } = useBills();
  const error = failure ? <ErrorMessage error={failure.error} onRetry={failure.retry} retryDisabled={loading} /> : null;

  if (!bills) {
    return (
      <div className="bills-body">
        {loading ? (
          <p className="info-text" role="status">
            {t('bills:loading')}
          </p>
        ) : null}
        {error}
      </div>
    );
  }
  const total = unpaidTotal(bills);
  return (
    <div className="bills-body">
      {error}
      <div className={total > 0 ? 'unpaid-total' : 'unpaid-total unpaid-total-none'} data-testid="unpaid-total">
        {total > 0 ? (
          <>
            <span className="unpaid-total-label">{t('bills:unpaidTotal')}</span>
            <span className="unpaid-total-amount">{formatVnd(total, locale)}</span>
          </>
        ) : (
          <span className="unpaid-total-label">{t('bills:allPaid')}</span>
        )}
      </div>
      <h2 className="section-title">{t('bills:title')}</h2>
      {bills.length === 0 ? <p className="info-text">{t('bills:empty')}</p> : null}
      <div className="bills-list" data-testid="bills-list">
        {groupBillsByMonth(bills).map((group) => (
          <section key={group.month} className="month-group" aria-labelledby={`month-${group.month}`}>
            <h3 id={`month-${group.month}`} className="month-title" data-testid="month-title">
              {formatMonth(group.month, locale)}
            </h3>
            <ul className="bill-rows">
              {group.bills.map((bill) => (
                <li key={bill.id}>
                  <button
                    type="button"
                    className={`bill-row bill-row-${bill.status}`}
                    data-testid="bill-row"
                    data-bill-id={bill.id}
                    aria-label={t('bills:rowLabel', {
                      service: t(serviceKey(bill.service)),
                      month: formatMonth(bill.month, locale),
                      amount: formatVnd(bill.amountVnd, locale),
                      status: t(statusKey(bill.status)),
                    })}
                    onClick={() => onOpenBill(bill.id)}
                  >
                    <span className="bill-row-main">
                      <span className="bill-service">{t(serviceKey(bill.service))}</span>
                      <span className="bill-due">{t('bills:due', { date: formatLocalDate(bill.dueDate) })}</span>
                    </span>
                    <span className="bill-row-side">
                      <span className="bill-amount">{formatVnd(bill.amountVnd, locale)}</span>
                      <StatusBadge status={bill.status} />
                    </span>
                    <span className="bill-row-chevron" aria-hidden="true">
                      ›
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
