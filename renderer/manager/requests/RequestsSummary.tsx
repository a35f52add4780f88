import { Link } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useT } from '../../i18n/I18nProvider';
import './requests.css';
import { useRequestList } from './queries';

/**
 * The overview's count of requests waiting on the office: new ones to acknowledge and overdue
 * ones. Quiet when the counts cannot be had (the queue page says why).
 */
export function RequestsSummary(): JSX.Element | null {
  const t = useT();
  const pending = useRequestList({ status: 'received', limit: 1 });
  const overdue = useRequestList({ overdueOnly: true, limit: 1 });
  if (!pending.data || !overdue.data) return null;
  const late = overdue.data.total;
  return (
    <div className="request-summary" data-testid="requests-summary">
      <h2 className="console-section-title">{t('consoleRequests:overview.title')}</h2>
      <p data-testid="summary-pending">{t('consoleRequests:overview.pending', { count: pending.data.total })}</p>
      <p data-testid="summary-overdue" className={late > 0 ? 'request-overdue' : undefined}>
        {late > 0 ? (
          <span className="request-overdue-icon" aria-hidden="true">
            ⚠
          </span>
        ) : null}
        {t('consoleRequests:overview.overdue', { count: late })}
      </p>
      <Link to="/requests" className="console-link" data-testid="summary-open-queue">
        {t('consoleRequests:overview.link')}
      </Link>
    </div>
  );
}
