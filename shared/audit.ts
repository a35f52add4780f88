/**
 * The audit trail's vocabulary: what staff or the system did with a resident's personal
 * data, and how one event looks on the resident's "who accessed my data" screen.
 * The hub stores these names verbatim in its hash chain, so a name is never renamed.
 */
import { z } from 'zod';
import { auditSystemJobs } from './audit-rules';
import { Instant, StaffRole } from './domain';

export const auditActions = [
  'profile.viewed',
  'profile.phone_changed',
  'profile.email_changed',
  'profile.name_changed',
  'profile.address_changed',
  'consents.viewed',
  'consents.changed',
  'data.exported',
  'data.erased',
  'correction.decided',
  'contact_change.decided',
  /** Staff worked on one of the resident's data requests (acknowledged, extended, held, released, refused, completed). */
  'request.handled',
  /** Staff linked the resident to a breach incident (a view of their data; the reason names the incident). */
  'incident.resident_linked',
  /** A breach notice was sent to the resident (the detail names the channel). */
  'incident.notice_sent',
  /** Staff recorded that the resident moved out (the retention clock starts); the detail carries the date. */
  'resident.moved_out',
] as const;
/**
 * Console events that concern no resident (resident_id null), so they never reach a
 * resident's access log: reading or exporting the audit log, the device fleet's changes, a
 * breach incident's own steps (registered, authority notified, closed), reconciliation of payments
 * (a transfer matched or ignored, a bill paid in cash, a statement imported) and bills imported or exported.
 */
export const consoleAuditActions = ['audit.viewed', 'audit.exported', 'device.code_issued', 'device.revoked', 'incident.recorded', 'payment.reconciled', 'bills.imported', 'bills.exported', 'broadcast.started', 'broadcast.ended'] as const;
export const AuditAction = z.enum([...auditActions, ...consoleAuditActions]);
export type AuditAction = z.infer<typeof AuditAction>;

/** The jobs of the hub that may touch personal data on their own (zod-free, for the kiosk renderer). */
export { auditSystemJobs };
export const AuditSystemJob = z.enum(auditSystemJobs);
export type AuditSystemJob = z.infer<typeof AuditSystemJob>;

/** Who did it, as the resident sees it: the staff member's role and name as they were then. */
export const AccessLogActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), role: StaffRole, displayName: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('system'), job: z.string().min(1).max(64) }),
]);
export type AccessLogActor = z.infer<typeof AccessLogActor>;

/**
 * An action as the access log carries it: one that a newer hub records and this kiosk does
 * not know yet reads as `other` ("accessed your data"), so it cannot make the whole list fail.
 */
export const AccessLogAction = z.enum([...auditActions, 'other']).catch('other');
export type AccessLogAction = z.infer<typeof AccessLogAction>;

export const AccessLogEntry = z.object({
  id: z.string().min(1),
  at: Instant,
  actor: AccessLogActor,
  action: AccessLogAction,
  /** What the staff member gave as the reason; null for events that need none. */
  reason: z.string().max(500).nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;
