import { useEffect, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { formatInstant, formatLocalDate, formatMonth } from '../../../shared/dates';
import type { Bill } from '../../../shared/domain';
import { formatVnd } from '../../../shared/money';
import type { AppError } from '../../../shared/result';
import { safeCall } from '../../components/call';
import { ConsumptionChart } from '../../components/ConsumptionChart';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { formatInteger } from '../../i18n/format';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { useBills } from './bills-store';
import { measureKey, serviceKey } from './service-key';
import { StatusBadge } from './StatusBadge';

export type BillDetailScreenProps = {
  billId: string;
  onBack(): void;
  /** Opens the pay screen for these bills. */
  onPay(billIds: readonly string[]): void;
};

/**
 * One bill. Shows the list's copy at once and refreshes it from `bills:get` (it may have
 * been paid meanwhile); if that fails, the list's copy stays, which is still true enough to
 * read. Render it keyed by `billId`.
 */
export function BillDetailScreen({ billId, onBack, onPay }: BillDetailScreenProps): JSX.Element {
  const api = useKiot();
  const t = useT();
  const { bills, replace } = useBills();
  const [fetched, setFetched] = useState<{ bill: Bill } | { error: AppError } | null>(null);

  useEffect(() => {
    let current = true;
    void safeCall(() => api.bills.get({ billId })).then((result) => {
      if (!current) return;
      setFetched(result.ok ? { bill: result.value.bill } : { error: result.error });
      if (result.ok) replace(result.value.bill);
    });
    return () => {
      current = false;
    };
  }, [api, billId, replace]);

  const bill = (fetched && 'bill' in fetched ? fetched.bill : null) ?? bills?.find((b) => b.id === billId) ?? null;
  // At the top, where they are in sight without scrolling, however long the bill and its chart.
  const back = (
    <div className="back-row bill-actions">
      <button type="button" className="button button-secondary" data-testid="bill-back" onClick={onBack}>
        <span aria-hidden="true">‹</span> {t('common:back')}
      </button>
      {bill !== null && bill.status !== 'paid' ? (
        <button type="button" className="button button-primary" data-testid="bill-pay" onClick={() => onPay([bill.id])}>
          {t('payments:payThisBill')}
        </button>
      ) : null}
    </div>
  );

  if (!bill) {
    return (
      <article className="bill-detail" data-testid="bill-detail">
        {back}
        {fetched && 'error' in fetched ? (
          <ErrorMessage error={fetched.error} />
        ) : (
          <p className="info-text" role="status">
            {t('bills:detail.loading')}
          </p>
        )}
      </article>
    );
  }
  return (
    <article className="bill-detail" data-testid="bill-detail" aria-labelledby="bill-detail-title">
      {back}
      <BillFacts bill={bill} />
      {bill.consumption !== null ? <ConsumptionChart bill={bill} bills={bills ?? []} measure={t(measureKey[bill.consumption.unit])} /> : null}
    </article>
  );
}

function BillFacts({ bill }: { bill: Bill }): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const c = bill.consumption;
  return (
    <>
      <h2 id="bill-detail-title" className="section-title">
        {t('bills:detail.title')}: {t(serviceKey(bill.service))} · {formatMonth(bill.month, locale)}
      </h2>
      <dl className="detail-list">
        <Row label={t('bills:detail.service')}>{t(serviceKey(bill.service))}</Row>
        <Row label={t('bills:detail.month')}>{formatMonth(bill.month, locale)}</Row>
        <Row label={t('bills:detail.unit')}>{bill.unitLabel}</Row>
        <Row label={t('bills:detail.amount')}>
          <span className="detail-amount">{formatVnd(bill.amountVnd, locale)}</span>
        </Row>
        <Row label={t('bills:detail.dueDate')}>{formatLocalDate(bill.dueDate)}</Row>
        <Row label={t('bills:detail.status')}>
          <StatusBadge status={bill.status} />
        </Row>
        <Row label={t('bills:detail.paidAt')}>{bill.paidAt ? formatInstant(bill.paidAt) : t('bills:detail.notPaidYet')}</Row>
      </dl>
      {c ? (
        <>
          <h3 className="section-title">{t('bills:detail.meter')}</h3>
          <dl className="detail-list" data-testid="bill-consumption">
            <Row label={t('bills:detail.previousReading')}>{formatInteger(c.previousReading, locale)}</Row>
            <Row label={t('bills:detail.currentReading')}>{formatInteger(c.currentReading, locale)}</Row>
            <Row label={t('bills:detail.consumption')}>
              <strong>
                {formatInteger(c.quantity, locale)} {t(measureKey[c.unit])}
              </strong>
            </Row>
          </dl>
        </>
      ) : null}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }): JSX.Element {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
