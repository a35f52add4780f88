/**
 * The breach register (POLICY.md: authorities and affected residents are told within 72 hours
 * of detection): what an incident is, its statuses, the fixed list of data categories, and the
 * 72-hour clock, shared by the hub (which decides `overdue`) and the console (which shows it).
 */
import { z } from 'zod';
import { Instant } from './domain';

/** The law's window, counted from detection (not from registration). */
export const NOTIFY_WITHIN_HOURS = 72;

export const incidentStatuses = ['open', 'notified', 'closed'] as const;
export const IncidentStatus = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** What kinds of personal data an incident touched; a fixed list so reports stay comparable. */
export const dataCategories = ['identity', 'contact', 'unit_household', 'bills_payments', 'credentials', 'consents', 'access_logs', 'other'] as const;
export const DataCategory = z.enum(dataCategories);
export type DataCategory = z.infer<typeof DataCategory>;

export const NoticeChannel = z.enum(['sms', 'email']);
export type NoticeChannel = z.infer<typeof NoticeChannel>;

export const INCIDENT_TITLE_MAX = 200;
export const INCIDENT_DESCRIPTION_MAX = 4000;
export const NOTICE_TEXT_MAX = 4000;
/** One SMS (several segments) is enough for a notice that points to the office for details. */
export const NOTICE_SMS_MAX = 640;

/** detected_at + 72 h. */
export function notifyDeadline(detectedAt: string): string {
  return new Date(Date.parse(detectedAt) + NOTIFY_WITHIN_HOURS * 3600_000).toISOString();
}

/**
 * Overdue: the authority was not told by the deadline, either because it still has not been
 * (and the deadline is past) or because it was told late. A late notice stays overdue in the
 * register and the report, so the record shows the clock was missed. Closing without a notice
 * (not a personal data breach after all) stops the clock where it stood.
 */
export function isOverdue(input: { detectedAt: string; authorityNotifiedAt: string | null; closedAt?: string | null }, now: Date): boolean {
  const deadline = Date.parse(notifyDeadline(input.detectedAt));
  const stoppedAt = input.authorityNotifiedAt ?? input.closedAt ?? null;
  const at = stoppedAt === null ? now.getTime() : Date.parse(stoppedAt);
  return at > deadline;
}

export type ClockReading = { state: 'left' | 'overdue'; hours: number; minutes: number };

/**
 * The clock as the console shows it: whole hours and minutes left before the deadline, or past
 * it. Minutes are rounded down on both sides, so "0 min left" never shows once the time is up.
 */
export function readClock(deadlineAt: string, now: Date): ClockReading {
  const diff = Date.parse(deadlineAt) - now.getTime();
  const state = diff >= 0 ? 'left' : 'overdue';
  const totalMinutes = Math.floor(Math.abs(diff) / 60_000);
  return { state, hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

export const Incident = z.object({
  id: z.string(),
  buildingId: z.string(),
  title: z.string(),
  description: z.string(),
  detectedAt: Instant,
  registeredAt: Instant,
  categories: z.array(DataCategory),
  estimatedAffected: z.number().int().min(0),
  status: IncidentStatus,
  /** detectedAt + 72 h. */
  deadlineAt: Instant,
  overdue: z.boolean(),
  authorityNotifiedAt: Instant.nullable(),
  /** Staff member's name as recorded; null until the authority is notified. */
  authorityNotifiedBy: z.string().nullable(),
  authorityReference: z.string().nullable(),
  closedAt: Instant.nullable(),
  createdBy: z.string(),
  linkedResidents: z.number().int().min(0),
  /** Residents who received at least one notice. */
  notifiedResidents: z.number().int().min(0),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentNotice = z.object({ channel: NoticeChannel, sentAt: Instant, sentBy: z.string() });
export type IncidentNotice = z.infer<typeof IncidentNotice>;

export const IncidentResident = z.object({
  residentId: z.string(),
  /** Null for an auditor (no personal details beyond the audit) and once the resident is erased. */
  name: z.string().nullable(),
  unitLabel: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  hasEmail: z.boolean(),
  linkedAt: Instant,
  notices: z.array(IncidentNotice),
});
export type IncidentResident = z.infer<typeof IncidentResident>;

export const TimelineKind = z.enum(['detected', 'registered', 'resident_linked', 'notice_sent', 'authority_notified', 'closed']);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineEntry = z.object({
  at: Instant,
  kind: TimelineKind,
  /** Staff member's name; null for detection. */
  by: z.string().nullable(),
  /** How many residents (links, notices); null for the others. */
  count: z.number().int().nullable(),
  channel: NoticeChannel.nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IncidentDetail = z.object({ incident: Incident, residents: z.array(IncidentResident), timeline: z.array(TimelineEntry) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const NoticeDraft = z.object({ subject: z.string(), text: z.string() });
export type NoticeDraft = z.infer<typeof NoticeDraft>;

/** Drafts in both languages: to the authority (a letter) and to residents (SMS text and mail). */
export const IncidentDrafts = z.object({
  authority: z.object({ vi: NoticeDraft, en: NoticeDraft }),
  residentSms: z.object({ vi: z.string(), en: z.string() }),
  residentMail: z.object({ vi: NoticeDraft, en: NoticeDraft }),
});
export type IncidentDrafts = z.infer<typeof IncidentDrafts>;
