import type { JSX } from 'react';
import { assertNever } from '../../../shared/assert-never';
import type { BillStatus } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/I18nProvider';

export function statusKey(status: BillStatus): MessageKey {
  switch (status) {
    case 'paid':
      return 'bills:status.paid';
    case 'unpaid':
      return 'bills:status.unpaid';
    case 'overdue':
      return 'bills:status.overdue';
    default:
      return assertNever(status, 'bill status');
  }
}

const icons: Record<BillStatus, string> = { paid: '✓', unpaid: '○', overdue: '!' };

/** Colour for those who see it, an icon and words for everyone. */
export function StatusBadge({ status }: { status: BillStatus }): JSX.Element {
  const t = useT();
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      <span className="badge-icon" aria-hidden="true">
        {icons[status]}
      </span>
      {t(statusKey(status))}
    </span>
  );
}
