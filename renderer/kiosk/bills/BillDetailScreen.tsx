import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import { formatInstant, formatLocalDate, formatMonth } from '../../shared/dates';
import type { Bill } from '../../shared/domain';
import { formatVnd } from '../../shared/money';
import { useKiot } from '../components/KiotProvider';
import { StatusBadge } from '../components/StatusBadge';
import { formatInteger } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/translate';
import { safeCall } from './call';
import { serviceKey } from './service-key';

const measureKey: Record<NonNullable<Bill['consumption']>['unit'], MessageKey> = { kWh: 'measure.kWh', m3: 'measure.m3' };

/**
 * One bill. Shows the copy from the list at once and refreshes it from `bills:get` (it may
 * have been paid meanwhile); if that fails, the list's copy stays, which is still true enough
 * to read.
 */
export function BillDetail({ bill: listed, onBack }: { bill: Bill; onBack(): void }): JSX.Element {
  const api = useKiot();
  const { t, locale } = useI18n();
  const [bill, setBill] = useState(listed);

  useEffect(() => {
    let current = true;
    void safeCall(() => api.bills.get({ billId: listed.id })).then((result) => {
      if (current && result.ok) setBill(result.value.bill);
    });
    return () => {
      current = false;
    };
  }, [api, listed.id]);

  const c = bill.consumption;
  const measure = c ? t(measureKey[c.unit]) : '';
  return (
    <article className="bill-detail" data-testid="bill-detail" aria-labelledby="bill-detail-title">
      <h2 id="bill-detail-title" className="section-title">
        {t('detail.title')}: {t(serviceKey(bill.service))} · {formatMonth(bill.month, locale)}
      </h2>
      <dl className="detail-list">
        <Row label={t('detail.service')}>{t(serviceKey(bill.service))}</Row>
        <Row label={t('detail.month')}>{formatMonth(bill.month, locale)}</Row>
        <Row label={t('detail.unit')}>{bill.unitLabel}</Row>
        <Row label={t('detail.amount')}>
          <span className="detail-amount">{formatVnd(bill.amountVnd, locale)}</span>
        </Row>
        <Row label={t('detail.dueDate')}>{formatLocalDate(bill.dueDate)}</Row>
        <Row label={t('detail.status')}>
          <StatusBadge status={bill.status} />
        </Row>
        <Row label={t('detail.paidAt')}>{bill.paidAt ? formatInstant(bill.paidAt) : t('detail.notPaidYet')}</Row>
      </dl>
      {c ? (
        <>
          <h3 className="section-title">{t('detail.meter')}</h3>
          <dl className="detail-list" data-testid="bill-consumption">
            <Row label={t('detail.previousReading')}>{formatInteger(c.previousReading, locale)}</Row>
            <Row label={t('detail.currentReading')}>{formatInteger(c.currentReading, locale)}</Row>
            <Row label={t('detail.consumption')}>
              <strong>
                {formatInteger(c.quantity, locale)} {measure}
              </strong>
            </Row>
          </dl>
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="bill-back" onClick={onBack}>
          <span aria-hidden="true">‹</span> {t('common.back')}
        </button>
      </div>
    </article>
  );
}

function Row({ label, children }: { label: string; children: JSX.Element | string }): JSX.Element {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
