import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { formatLocalDate, formatMonth } from '../../../shared/dates';
import type { Bill } from '../../../shared/domain';
import { formatVnd } from '../../../shared/money';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isRetryable } from '../../i18n/error-text';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { groupBillsByMonth, isPartlyPaid, remainingVnd, splitByPayment, unpaidBillIds, unpaidTotal } from './bill-groups';
import type { MonthGroup } from './bill-groups';
import { useBills } from './bills-store';
import { HubTrouble } from './HubTrouble';
import { serviceKey } from './service-key';
import { StatusBadge } from './StatusBadge';

export type BillsScreenProps = {
  onOpenBill(billId: string): void;
  /** Pay these bills (one month's, or every unpaid one). */
  onPay(billIds: readonly string[]): void;
};

/**
 * The bills: what is still to pay first, month by month (each month folded to its total,
 * the newest open), the paid months one tap away. The months scroll; the total and the
 * buttons below them stay on screen.
 */
export function BillsScreen({ onOpenBill, onPay }: BillsScreenProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const { bills, loading, failure, refreshIfStale, view, setView } = useBills();
  const { showPaid, open } = view;

  const refreshOnEntry = useRef(refreshIfStale);
  useEffect(() => refreshOnEntry.current(), []);

  const trouble = failure ? isRetryable(failure.error) ? <HubTrouble /> : <ErrorMessage error={failure.error} /> : null;

  if (!bills) {
    return (
      <div className="bills-body" data-testid="bills-body">
        {loading && !failure ? (
          <p className="info-text" role="status">
            {t('bills:loading')}
          </p>
        ) : null}
        {trouble}
      </div>
    );
  }

  const groups = groupBillsByMonth(bills);
  const { unpaid, paid } = splitByPayment(groups);
  // The newest month starts open; the resident opens or folds any other.
  const opened = open ?? new Set(groups[0] ? [groups[0].month] : []);
  const toggle = (month: string): void => {
    const next = new Set(opened);
    if (next.has(month)) next.delete(month);
    else next.add(month);
    setView({ showPaid, open: next });
  };
  const total = unpaidTotal(bills);
  const shown = showPaid ? paid : unpaid;

  return (
    <div className="bills-body bills-fit" data-testid="bills-body">
      {trouble}
      <h2 className="section-title" id="bills-view-title">
        {showPaid ? t('bills:history.title') : t('bills:toPay')}
      </h2>
      <div className="bills-scroll" data-testid="bills-list" aria-labelledby="bills-view-title">
        {bills.length === 0 ? <p className="info-text">{t('bills:empty')}</p> : null}
        {bills.length > 0 && shown.length === 0 ? (
          <p className="info-text" data-testid="bills-none">
            {showPaid ? t('bills:history.empty') : t('bills:nothingToPay')}
          </p>
        ) : null}
        {shown.map((group) => (
          <MonthSection key={group.month} group={group} open={opened.has(group.month)} onToggle={() => toggle(group.month)} onOpenBill={onOpenBill} onPay={onPay} />
        ))}
      </div>
      <div className="bills-footer">
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
        <div className="bills-actions">
          <button type="button" className="button button-secondary" data-testid="bills-history" onClick={() => setView({ showPaid: !showPaid, open })}>
            {showPaid ? t('bills:history.hide') : t('bills:history.show')}
          </button>
          {total > 0 ? (
            <button
              type="button"
              className="button button-primary"
              data-testid="pay-all"
              aria-label={t('bills:payAllLabel', { amount: formatVnd(total, locale) })}
              onClick={() => onPay(unpaidBillIds(bills))}
            >
              {t('bills:payAll')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

type MonthSectionProps = {
  group: MonthGroup;
  open: boolean;
  onToggle(): void;
  onOpenBill(billId: string): void;
  onPay(billIds: readonly string[]): void;
};

function MonthSection({ group, open, onToggle, onOpenBill, onPay }: MonthSectionProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const month = formatMonth(group.month, locale);
  const listId = `month-bills-${group.month}`;
  const amount = group.dueVnd > 0 ? t('bills:month.due', { amount: formatVnd(group.dueVnd, locale) }) : t('bills:month.total', { amount: formatVnd(group.totalVnd, locale) });
  return (
    <section className={`month-group month-group-${group.status}`} data-testid="month-group" data-month={group.month} aria-label={month}>
      <div className="month-head">
        <button type="button" className="month-toggle" data-testid="month-toggle" aria-expanded={open} aria-controls={listId} onClick={onToggle}>
          <span className="month-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="month-title" data-testid="month-title">
            {month}
          </span>
          <span className="month-amount" data-testid="month-amount">
            {amount}
          </span>
          <StatusBadge status={group.status} />
        </button>
        {group.dueVnd > 0 ? (
          <button
            type="button"
            className="button button-primary month-pay"
            data-testid="month-pay"
            aria-label={t('bills:month.payLabel', { month, amount: formatVnd(group.dueVnd, locale) })}
            onClick={() => onPay(group.unpaidIds)}
          >
            {t('bills:month.pay')}
          </button>
        ) : null}
      </div>
      {open ? (
        <ul className="bill-rows" id={listId}>
          {group.bills.map((bill) => (
            <li key={bill.id}>
              <BillRow bill={bill} onOpen={() => onOpenBill(bill.id)} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function BillRow({ bill, onOpen }: { bill: Bill; onOpen(): void }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const partial = isPartlyPaid(bill) ? t('bills:partial', { paid: formatVnd(bill.paidVnd, locale), due: formatVnd(remainingVnd(bill), locale) }) : null;
  const dueDate = formatLocalDate(bill.dueDate);
  return (
    <button
      type="button"
      className={`bill-row bill-row-${bill.status}`}
      data-testid="bill-row"
      data-bill-id={bill.id}
      onClick={onOpen}
    >
      {/* The row's name is the words it shows (so a spoken name matches them), plus the month for a screen reader. */}
      <span className="bill-row-main">
        <span className="bill-service">{t(serviceKey(bill.service))}</span>
        <span className="bill-due">{t('bills:due', { date: dueDate })}</span>
        {partial ? (
          <span className="bill-partial" data-testid="bill-partial">
            {partial}
          </span>
        ) : null}
      </span>
      <span className="bill-row-side">
        <span className="bill-amount">{formatVnd(bill.amountVnd, locale)}</span>
        <StatusBadge status={bill.status} />
      </span>
      <span className="bill-row-chevron" aria-hidden="true">
        ›
      </span>
      <span className="visually-hidden">, {formatMonth(bill.month, locale)}</span>
    </button>
  );
}
