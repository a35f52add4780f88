/**
 * Data-subject requests (POLICY.md, "What this means for the software"): what a resident
 * asked for, where it stands against the law's clock, and its history. The kiosk shows these
 * to the resident; the console's queue works them.
 */
import { z } from 'zod';
import { Instant } from './domain';

/**
 * `correction` comes from the privacy centre (name or address), `consent_withdrawal` from a
 * withdrawn consent; the resident asks for the others from "My requests".
 */
export const requestKinds = ['deletion', 'export', 'consent_withdrawal', 'correction', 'objection', 'restriction'] as const;
export const RequestKind = z.enum(requestKinds);
export type RequestKind = z.infer<typeof RequestKind>;

/** The kinds a resident starts with `POST /v1/me/requests`. */
export const ResidentRequestKind = z.enum(['deletion', 'export', 'objection', 'restriction']);
export type ResidentRequestKind = z.infer<typeof ResidentRequestKind>;

export const requestStatuses = ['received', 'acknowledged', 'in_progress', 'on_hold', 'done', 'refused', 'cancelled'] as const;
export const RequestStatus = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Statuses after which nothing more happens to a request. */
export const closedRequestStatuses = ['done', 'refused', 'cancelled'] as const satisfies readonly RequestStatus[];

/**
 * Why a request is on hold, as the resident sees it: the category only; the manager's
 * written reason stays with the management (and in the audit trail).
 */
export const HoldCategory = z.enum(['legal_obligation', 'dispute', 'authority_request', 'identity_check']);
export type HoldCategory = z.infer<typeof HoldCategory>;

/** How an export reaches the resident: by email to their verified address, or on paper/USB at the office. */
export const ExportDelivery = z.enum(['email', 'pickup']);
export type ExportDelivery = z.infer<typeof ExportDelivery>;

/** Where a deletion's final notice goes, chosen before erasure (the address is erased with the rest). */
export const FinalNoticeChannel = z.enum(['sms', 'email', 'none']);
export type FinalNoticeChannel = z.infer<typeof FinalNoticeChannel>;

export const RequestEventAction = z.enum([
  'received',
  'acknowledged',
  'started',
  'extended',
  'held',
  'released',
  'refused',
  'completed',
  'cancelled',
  'overdue_acknowledge',
  'overdue_act',
]);
export type RequestEventAction = z.infer<typeof RequestEventAction>;

/** One line of a request's history. `actor` is what the resident may see of who did it. */
export const RequestEvent = z.object({
  at: Instant,
  action: RequestEventAction,
  actor: z.enum(['resident', 'staff', 'system']),
  /** Shown to the resident for refusals and extensions; null for a hold (its category is shown instead). */
  reason: z.string().nullable(),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const MyRequest = z.object({
  id: z.string().min(1),
  kind: RequestKind,
  status: RequestStatus,
  createdAt: Instant,
  /** Two working days after `createdAt`. */
  acknowledgeDueAt: Instant,
  /** 15 days (20 with a processor or third party), plus an extension if one was made. */
  actDueAt: Instant,
  /** Deletions: when the erasure runs (5 days after the request), unless cancelled or held. */
  eraseAt: Instant.nullable(),
  acknowledgedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  /** The resident may still cancel it. */
  cancellable: z.boolean(),
  holdCategory: HoldCategory.nullable(),
  /** The reason given for a refusal (shown to the requester, as the law requires). */
  refusalReason: z.string().nullable(),
  extendedDays: z.number().int().min(0).max(15),
  extensionReason: z.string().nullable(),
  /** Exports: how it is delivered (null for other kinds). */
  exportDelivery: ExportDelivery.nullable(),
  /** Deletions: where the final notice goes. */
  finalNotice: FinalNoticeChannel.nullable(),
  /** Free text the resident gave (objection, restriction), or a short summary for correction / consent_withdrawal. */
  details: z.string().nullable(),
  history: z.array(RequestEvent),
});
export type MyRequest = z.infer<typeof MyRequest>;

export { DELETION_DELAY_DAYS } from './requests-rules';
export const ACKNOWLEDGE_WORKING_DAYS = 2;
export const ACT_DAYS = 15;
export const ACT_DAYS_WITH_THIRD_PARTY = 20;
export const MAX_EXTENSION_DAYS = 15;
export const REQUEST_DETAILS_MAX = 1000;
export const STAFF_REASON_MAX = 500;
