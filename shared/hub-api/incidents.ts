/** Wire schemas of the breach register (`/v1/staff/incidents`). */
import { z } from 'zod';
import { Instant } from '../domain';
import { DataCategory, Incident, IncidentDetail, IncidentDrafts, IncidentStatus, INCIDENT_DESCRIPTION_MAX, INCIDENT_TITLE_MAX, NOTICE_SMS_MAX, NOTICE_TEXT_MAX, NoticeChannel } from '../incidents';

export const IncidentParams = z.object({ id: z.string().min(1).max(100) });
export type IncidentParams = z.infer<typeof IncidentParams>;

export const IncidentListQuery = z
  .object({
    status: IncidentStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentListResponse = z.object({
  /** Overdue and open first, then newest detection first. */
  incidents: z.array(Incident),
  total: z.number().int().min(0),
});
export type IncidentListResponse = z.infer<typeof IncidentListResponse>;

export const RegisterIncidentBody = z
  .object({
    title: z.string().trim().min(3).max(INCIDENT_TITLE_MAX),
    description: z.string().trim().min(10).max(INCIDENT_DESCRIPTION_MAX),
    detectedAt: Instant,
    categories: z.array(DataCategory).min(1).max(DataCategory.options.length),
    estimatedAffected: z.number().int().min(0).max(1_000_000),
  })
  .strict();
export type RegisterIncidentBody = z.infer<typeof RegisterIncidentBody>;

export const IncidentDetailResponse = IncidentDetail;
export type IncidentDetailResponse = z.infer<typeof IncidentDetailResponse>;

/** Residents to link, by id (from the console's search) or by phone number as given at the desk. */
export const LinkResidentsBody = z
  .object({
    residentIds: z.array(z.string().min(1).max(100)).max(500).default([]),
    phones: z.array(z.string().min(3).max(30)).max(500).default([]),
  })
  .strict()
  .refine((b) => b.residentIds.length + b.phones.length > 0, { message: 'Give at least one resident' });
export type LinkResidentsBody = z.infer<typeof LinkResidentsBody>;

export const LinkResidentsResponse = z.object({
  detail: IncidentDetail,
  linked: z.number().int().min(0),
  alreadyLinked: z.number().int().min(0),
  /** Phone numbers or ids that match no resident of the incident's building. */
  notFound: z.array(z.string()),
});
export type LinkResidentsResponse = z.infer<typeof LinkResidentsResponse>;

export const IncidentDraftsResponse = IncidentDrafts;
export type IncidentDraftsResponse = z.infer<typeof IncidentDraftsResponse>;

export const NotifyResidentsBody = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('sms'), text: z.string().trim().min(10).max(NOTICE_SMS_MAX) }).strict(),
  z.object({ channel: z.literal('email'), subject: z.string().trim().min(3).max(200), text: z.string().trim().min(10).max(NOTICE_TEXT_MAX) }).strict(),
]);
export type NotifyResidentsBody = z.infer<typeof NotifyResidentsBody>;

export const NotifyResidentsResponse = z.object({
  channel: NoticeChannel,
  sent: z.number().int().min(0),
  /** Already sent a notice on this channel: never sent twice. */
  alreadyNotified: z.number().int().min(0),
  /** No number (or no email) on file. */
  noAddress: z.number().int().min(0),
  /** The gateway refused; not recorded, so a second send tries them again. */
  failed: z.number().int().min(0),
  detail: IncidentDetail,
});
export type NotifyResidentsResponse = z.infer<typeof NotifyResidentsResponse>;

export const AuthorityNotifiedBody = z
  .object({
    /** When the notice went out; by default now. Not in the future, not before detection. */
    notifiedAt: Instant.optional(),
    /** The dispatch number or receipt reference, if any. */
    reference: z.string().trim().max(200).optional(),
  })
  .strict();
export type AuthorityNotifiedBody = z.infer<typeof AuthorityNotifiedBody>;

export const CloseIncidentBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type CloseIncidentBody = z.infer<typeof CloseIncidentBody>;
