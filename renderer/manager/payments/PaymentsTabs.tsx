import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useT } from '../../i18n/I18nProvider';

/** The payments section's pages, one tab each. */
export function PaymentsTabs(): JSX.Element {
  const t = useT();
  return (
    <nav className="payments-tabs" aria-label={t('consolePayments:tabs.label')}>
      <Link to="/payments" activeOptions={{ exact: true }} className="payments-tab" data-testid="payments-tab-transfers">
        {t('consolePayments:tabs.transfers')}
      </Link>
      <Link to="/payments/bills" className="payments-tab" data-testid="payments-tab-bills">
        {t('consolePayments:tabs.bills')}
      </Link>
      <Link to="/payments/statement" className="payments-tab" data-testid="payments-tab-statement">
        {t('consolePayments:tabs.statement')}
      </Link>
      <Link to="/payments/bills-import" className="payments-tab" data-testid="payments-tab-bills-import">
        {t('consolePayments:tabs.billsImport')}
      </Link>
      <Link to="/payments/intents" className="payments-tab" data-testid="payments-tab-intents">
        {t('consolePayments:tabs.intents')}
      </Link>
    </nav>
  );
}

/** An import's progress: how many of the rows are done. */
export function ImportProgress({ done, total, label }: { done: number; total: number; label: string }): JSX.Element {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="payments-progress">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-testid="import-progress" className="payments-progress-bar">
        <div className="payments-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="console-muted">{percent} %</span>
    </div>
  );
}
