/**
 * The words and times of the console's request queue: message keys for a request's values
 * (written out whole, so the i18n check sees each one used), Vietnam-time date and time, and
 * how long is left before a deadline or an erasure ("in 3 d 4 h").
 */
import { formatInstant } from '../../../shared/dates';
import type { ExportDelivery, HoldCategory, RequestEventAction, RequestKind, RequestStatus } from '../../../shared/requests';
import type { MessageKey, T } from '../../i18n/i18n';

const MINUTE_MS = 60_000;

export const kindKey = {
  deletion: 'consoleRequests:kind.deletion',
  export: 'consoleRequests:kind.export',
  consent_withdrawal: 'consoleRequests:kind.consentWithdrawal',
  correction: 'consoleRequests:kind.correction',
  objection: 'consoleRequests:kind.objection',
  restriction: 'consoleRequests:kind.restriction',
} as const satisfies Record<RequestKind, MessageKey>;

export const statusKey = {
  received: 'consoleRequests:status.received',
  acknowledged: 'consoleRequests:status.acknowledged',
  in_progress: 'consoleRequests:status.inProgress',
  on_hold: 'consoleRequests:status.onHold',
  done: 'consoleRequests:status.done',
  refused: 'consoleRequests:status.refused',
  cancelled: 'consoleRequests:status.cancelled',
} as const satisfies Record<RequestStatus, MessageKey>;

export const actionKey = {
  received: 'consoleRequests:action.received',
  acknowledged: 'consoleRequests:action.acknowledged',
  started: 'consoleRequests:action.started',
  extended: 'consoleRequests:action.extended',
  held: 'consoleRequests:action.held',
  released: 'consoleRequests:action.released',
  refused: 'consoleRequests:action.refused',
  completed: 'consoleRequests:action.completed',
  cancelled: 'consoleRequests:action.cancelled',
  overdue_acknowledge: 'consoleRequests:action.overdueAcknowledge',
  overdue_act: 'consoleRequests:action.overdueAct',
} as const satisfies Record<RequestEventAction, MessageKey>;

export const actorKey = {
  resident: 'consoleRequests:actor.resident',
  staff: 'consoleRequests:actor.staff',
  system: 'consoleRequests:actor.system',
} as const satisfies Record<'resident' | 'staff' | 'system', MessageKey>;

export const holdKey = {
  legal_obligation: 'consoleRequests:hold.legalObligation',
  dispute: 'consoleRequests:hold.dispute',
  authority_request: 'consoleRequests:hold.authorityRequest',
  identity_check: 'consoleRequests:hold.identityCheck',
} as const satisfies Record<HoldCategory, MessageKey>;

export const deliveryKey = {
  email: 'consoleRequests:delivery.email',
  pickup: 'consoleRequests:delivery.pickup',
} as const satisfies Record<ExportDelivery, MessageKey>;

/** `dd/MM/yyyy HH:mm`, Vietnam time. */
export function localDateTime(iso: string): string {
  return formatInstant(iso);
}

/**
 * What is left from `nowMs` to `untilMs`, short: days and hours when a day or more is left,
 * hours and minutes on the last day (minutes rounded up, so "0 min" shows only at the moment).
 * Null once the moment has passed.
 */
export function leftText(t: T, untilMs: number, nowMs: number): string | null {
  if (untilMs <= nowMs) return null;
  const totalMinutes = Math.ceil((untilMs - nowMs) / MINUTE_MS);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  if (days > 0) return t('consoleRequests:left.daysHours', { days, hours });
  return t('consoleRequests:left.hoursMinutes', { hours, minutes: totalMinutes % 60 });
}
