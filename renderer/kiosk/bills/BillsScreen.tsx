import { useCallback, useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { SessionView } from '../../shared/contract';
import { formatLocalDate, formatMonth } from '../../shared/dates';
import type { Bill, ResidentSummary } from '../../shared/domain';
import { formatVnd } from '../../shared/money';
import { ErrorMessage } from '../components/ErrorMessage';
import { useKiot } from '../components/KiotProvider';
import { StatusBadge, statusKey } from '../components/StatusBadge';
import { useI18n } from '../i18n/I18nProvider';
import { BillDetail } from './BillDetail';
import { groupBillsByMonth, unpaidTotal } from './bill-groups';
import { serviceKey } from './service-key';
import { useResync } from './resync';
import { useAction } from './use-action';

export type BillsScreenProps = {
  resident: ResidentSummary | null;
  onView(view: SessionView): void;
};

/**
 * The signed-in home: greeting, unpaid total, bills by month, and a bill's detail. The
 * bills live only in this component's state, so a lock (which remounts the tree) drops them.
 */
export function BillsScreen({ resident, onView }: BillsScreenProps): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const { t } = useI18n();
  const { run: runLoad, busy: loading, failure: loadFailure } = useAction(resync);
  const signOutAction = useAction(resync);
  const [bills, setBills] = useState<Bill[] | null>(null);
  const [selected, setSelected] = useState<Bill | null>(null);

  const fetchBills = useCallback(async (): Promise<void> => {
    const result = await runLoad(() => api.bills.list({}), () => void fetchBills());
    if (result?.ok) setBills(result.value.bills);
  }, [api, runLoad]);

  useEffect(() => {
    void fetchBills();
  }, [fetchBills]);

  const signOut = async (): Promise<void> => {
    const result = await signOutAction.run(() => api.session.end({}), () => void signOut());
    if (result?.ok) onView(result.value);
  };

  return (
    <section className="screen screen-bills" aria-labelledby="bills-greeting">
      <div className="bills-header">
        <div>
          <h1 id="bills-greeting" className="greeting">
            {t('bills.hello')} <span data-testid="resident-name">{resident?.fullName ?? ''}</span>
          </h1>
          {resident ? <p className="greeting-unit">{t('bills.unit', { unit: resident.unitLabel })}</p> : null}
        </div>
        <button type="button" className="button button-signout" data-testid="sign-out" disabled={signOutAction.busy} onClick={() => void signOut()}>
          {t('bills.signOut')}
        </button>
      </div>
      {signOutAction.failure ? <ErrorMessage error={signOutAction.failure.error} onRetry={signOutAction.failure.retry} retryDisabled={signOutAction.busy} /> : null}
      {selected ? (
        <BillDetail bill={selected} onBack={() => setSelected(null)} />
      ) : (
        <BillList bills={bills} loading={loading} onSelect={setSelected}>
          {loadFailure ? <ErrorMessage error={loadFailure.error} onRetry={loadFailure.retry} retryDisabled={loading} /> : null}
        </BillList>
      )}
    </section>
  );
}

type BillListProps = {
  bills: Bill[] | null;
  loading: boolean;
  onSelect(bill: Bill): void;
  children: JSX.Element | null;
};

function BillList({ bills, loading, onSelect, children }: BillListProps): JSX.Element {
  const { t, locale } = useI18n();
  if (!bills) {
    return (
      <div className="bills-body">
        {loading ? (
          <p className="info-text" role="status">
            {t('bills.loading')}
          </p>
        ) : null}
        {children}
      </div>
    );
  }
  const total = unpaidTotal(bills);
  return (
    <div className="bills-body">
      {children}
      <div className={total > 0 ? 'unpaid-total' : 'unpaid-total unpaid-total-none'} data-testid="unpaid-total">
        {total > 0 ? (
          <>
            <span className="unpaid-total-label">{t('bills.unpaidTotal')}</span>
            <span className="unpaid-total-amount">{formatVnd(total, locale)}</span>
          </>
        ) : (
          <span className="unpaid-total-label">{t('bills.allPaid')}</span>
        )}
      </div>
      <h2 className="section-title">{t('bills.title')}</h2>
      {bills.length === 0 ? <p className="info-text">{t('bills.empty')}</p> : null}
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
                    aria-label={t('bills.rowLabel', {
                      service: t(serviceKey(bill.service)),
                      month: formatMonth(bill.month, locale),
                      amount: formatVnd(bill.amountVnd, locale),
                      status: t(statusKey(bill.status)),
                    })}
                    onClick={() => onSelect(bill)}
                  >
                    <span className="bill-row-main">
                      <span className="bill-service">{t(serviceKey(bill.service))}</span>
                      <span className="bill-due">{t('bills.due', { date: formatLocalDate(bill.dueDate) })}</span>
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
