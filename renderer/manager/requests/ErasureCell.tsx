import type { JSX } from 'react';
import type { StaffRequest } from '../../../shared/hub-api/requests';
import { useT } from '../../i18n/I18nProvider';
import { leftText, localDateTime } from './request-text';

const closed = (status: StaffRequest['status']): boolean => status === 'done' || status === 'refused' || status === 'cancelled';

/** A deletion's erasure: its date and time and how long is left, or why it will not run now. */
export function ErasureCell({ request, now }: { request: StaffRequest; now: number }): JSX.Element {
  const t = useT();
  if (request.kind !== 'deletion' || request.eraseAt === null || closed(request.status)) {
    return <span className="console-muted">{t('consoleRequests:erasure.none')}</span>;
  }
  const at = localDateTime(request.eraseAt);
  if (request.status === 'on_hold') {
    return (
      <span className="request-erasure request-erasure-held" data-testid="erasure">
        <s>{at}</s> · {t('consoleRequests:erasure.held')}
      </span>
    );
  }
  const left = leftText(t, Date.parse(request.eraseAt), now);
  return (
    <span className="request-erasure" data-testid="erasure">
      {at} · <strong data-testid="erasure-left">{left === null ? t('consoleRequests:erasure.due') : t('consoleRequests:erasure.in', { left })}</strong>
    </span>
  );
}

/** The overdue marks: an icon and words, not color alone. */
export function OverdueMarks({ request }: { request: StaffRequest }): JSX.Element | null {
  const t = useT();
  if (!request.overdueAcknowledge && !request.overdueAct) return null;
  const marks = [...(request.overdueAcknowledge ? [t('consoleRequests:overdue.acknowledge')] : []), ...(request.overdueAct ? [t('consoleRequests:overdue.act')] : [])];
  return (
    <span className="request-overdue" data-testid="overdue">
      <span className="request-overdue-icon" aria-hidden="true">
        ⚠
      </span>
      {marks.join(' · ')}
    </span>
  );
}
