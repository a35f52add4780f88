import type { BillStatus, ServiceKind } from '../../../shared/domain';
import type { BillImportErrorCode, StatementRowOutcome } from '../../../shared/hub-api/payment-reconciliation';
import type { PaymentIntentStatus, TransferMatch } from '../../../shared/payments';
import type { StatementErrorCode } from '../../../shared/statement-csv';
import type { StaffRole } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/i18n';

export const matchKey: Readonly<Record<TransferMatch, MessageKey>> = {
  matched: 'consolePayments:match.matched',
  partial: 'consolePayments:match.partial',
  overpaid: 'consolePayments:match.overpaid',
  unmatched: 'consolePayments:match.unmatched',
  resolved: 'consolePayments:match.resolved',
  ignored: 'consolePayments:match.ignored',
};

export const billStatusKey: Readonly<Record<BillStatus, MessageKey>> = {
  unpaid: 'consolePayments:billStatus.unpaid',
  paid: 'consolePayments:billStatus.paid',
  overdue: 'consolePayments:billStatus.overdue',
};

export const serviceKey: Readonly<Record<ServiceKind, MessageKey>> = {
  electricity: 'consolePayments:service.electricity',
  water: 'consolePayments:service.water',
  management: 'consolePayments:service.management',
  cleaning: 'consolePayments:service.cleaning',
  security: 'consolePayments:service.security',
  parking: 'consolePayments:service.parking',
  repairs: 'consolePayments:service.repairs',
};

export const intentStatusKey: Readonly<Record<PaymentIntentStatus, MessageKey>> = {
  open: 'consolePayments:intentStatus.open',
  paid: 'consolePayments:intentStatus.paid',
  partially_paid: 'consolePayments:intentStatus.partially_paid',
  overpaid: 'consolePayments:intentStatus.overpaid',
  expired: 'consolePayments:intentStatus.expired',
  cancelled: 'consolePayments:intentStatus.cancelled',
};

export const statementErrorKey: Readonly<Record<StatementErrorCode, MessageKey>> = {
  missing_date: 'consolePayments:statementError.missing_date',
  bad_date: 'consolePayments:statementError.bad_date',
  missing_amount: 'consolePayments:statementError.missing_amount',
  bad_amount: 'consolePayments:statementError.bad_amount',
  missing_content: 'consolePayments:statementError.missing_content',
  content_too_long: 'consolePayments:statementError.content_too_long',
  missing_reference: 'consolePayments:statementError.missing_reference',
  bad_reference: 'consolePayments:statementError.bad_reference',
};

export const outcomeKey: Readonly<Record<StatementRowOutcome, MessageKey>> = {
  matched: 'consolePayments:outcome.matched',
  partial: 'consolePayments:outcome.partial',
  overpaid: 'consolePayments:outcome.overpaid',
  unmatched: 'consolePayments:outcome.unmatched',
  duplicate: 'consolePayments:outcome.duplicate',
  outgoing: 'consolePayments:outcome.outgoing',
  wrong_account: 'consolePayments:outcome.wrong_account',
};

export const billErrorKey: Readonly<Record<BillImportErrorCode, MessageKey>> = {
  missing_unit: 'consolePayments:billError.missing_unit',
  unknown_unit: 'consolePayments:billError.unknown_unit',
  unknown_service: 'consolePayments:billError.unknown_service',
  bad_period: 'consolePayments:billError.bad_period',
  wrong_month: 'consolePayments:billError.wrong_month',
  missing_amount: 'consolePayments:billError.missing_amount',
  negative_amount: 'consolePayments:billError.negative_amount',
  non_integer_amount: 'consolePayments:billError.non_integer_amount',
  bad_amount: 'consolePayments:billError.bad_amount',
  bad_due_date: 'consolePayments:billError.bad_due_date',
  bad_reading: 'consolePayments:billError.bad_reading',
  duplicate_in_file: 'consolePayments:billError.duplicate_in_file',
  duplicate_bill: 'consolePayments:billError.duplicate_bill',
};

/** Managers and administrators reconcile; care staff and auditors look. */
export function canReconcile(role: StaffRole | null): boolean {
  return role === null || role === 'admin' || role === 'manager';
}
