/** Message keys for the values a request carries, written out whole so the i18n check sees them used. */
import type { MessageKey } from '../../i18n/i18n';
import type { ExportDelivery, FinalNoticeChannel, RequestEventAction, RequestKind, RequestStatus } from '../../../shared/requests';

export const kindKey = {
  deletion: 'requests:kind.deletion',
  export: 'requests:kind.export',
  consent_withdrawal: 'requests:kind.consentWithdrawal',
  correction: 'requests:kind.correction',
  objection: 'requests:kind.objection',
  restriction: 'requests:kind.restriction',
} as const satisfies Record<RequestKind, MessageKey>;

export const statusKey = {
  received: 'requests:status.received',
  acknowledged: 'requests:status.acknowledged',
  in_progress: 'requests:status.inProgress',
  on_hold: 'requests:status.onHold',
  done: 'requests:status.done',
  refused: 'requests:status.refused',
  cancelled: 'requests:status.cancelled',
} as const satisfies Record<RequestStatus, MessageKey>;

export const actionKey = {
  received: 'requests:action.received',
  acknowledged: 'requests:action.acknowledged',
  started: 'requests:action.started',
  extended: 'requests:action.extended',
  held: 'requests:action.held',
  released: 'requests:action.released',
  refused: 'requests:action.refused',
  completed: 'requests:action.completed',
  cancelled: 'requests:action.cancelled',
  overdue_acknowledge: 'requests:action.overdueAcknowledge',
  overdue_act: 'requests:action.overdueAct',
} as const satisfies Record<RequestEventAction, MessageKey>;

export const actorKey = {
  resident: 'requests:actor.resident',
  staff: 'requests:actor.staff',
  system: 'requests:actor.system',
} as const satisfies Record<'resident' | 'staff' | 'system', MessageKey>;

export const deliveryKey = {
  email: 'requests:delivery.email',
  pickup: 'requests:delivery.pickup',
} as const satisfies Record<ExportDelivery, MessageKey>;

export const noticeKey = {
  sms: 'requests:notice.sms',
  email: 'requests:notice.email',
  none: 'requests:notice.none',
} as const satisfies Record<FinalNoticeChannel, MessageKey>;
