/**
 * The message keys of the access log, written out literally so the compiler and the key
 * audit see every one of them (a key built at run time would be invisible to both).
 */
import { assertNever } from '../../../shared/assert-never';
import type { AccessLogAction, AuditSystemJob } from '../../../shared/audit';
import { auditSystemJobs } from '../../../shared/audit-rules';
import type { StaffRole } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/i18n';

export function actionKey(action: AccessLogAction): MessageKey {
  switch (action) {
    case 'profile.viewed':
      return 'accessLog:action.profileViewed';
    case 'profile.phone_changed':
      return 'accessLog:action.phoneChanged';
    case 'profile.email_changed':
      return 'accessLog:action.emailChanged';
    case 'profile.name_changed':
      return 'accessLog:action.nameChanged';
    case 'profile.address_changed':
      return 'accessLog:action.addressChanged';
    case 'consents.viewed':
      return 'accessLog:action.consentsViewed';
    case 'consents.changed':
      return 'accessLog:action.consentsChanged';
    case 'data.exported':
      return 'accessLog:action.dataExported';
    case 'data.erased':
      return 'accessLog:action.dataErased';
    case 'correction.decided':
      return 'accessLog:action.correctionDecided';
    case 'contact_change.decided':
      return 'accessLog:action.contactChangeDecided';
    case 'request.handled':
      return 'accessLog:action.requestHandled';
    case 'incident.resident_linked':
      return 'accessLog:action.incidentLinked';
    case 'incident.notice_sent':
      return 'accessLog:action.incidentNoticeSent';
    case 'resident.moved_out':
      return 'accessLog:action.movedOut';
    case 'other':
      return 'accessLog:action.other';
    default:
      return assertNever(action, 'audit action');
  }
}

export const roleKey: Readonly<Record<StaffRole, MessageKey>> = {
  manager: 'accessLog:role.manager',
  care: 'accessLog:role.care',
  admin: 'accessLog:role.admin',
  auditor: 'accessLog:role.auditor',
};

const jobKeys: Readonly<Record<AuditSystemJob, MessageKey>> = {
  receipts: 'accessLog:job.receipts',
  reminders: 'accessLog:job.reminders',
  erasure: 'accessLog:job.erasure',
  export: 'accessLog:job.export',
  sync: 'accessLog:job.sync',
};

/** A job the kiosk has no words for (a newer hub's) is shown as "the system" alone. */
export function jobKey(job: string): MessageKey | null {
  const known = auditSystemJobs.find((j) => j === job);
  return known === undefined ? null : jobKeys[known];
}
