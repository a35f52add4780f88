/**
 * `consoleRequests:*` — the manager console's request queue: the building's data-subject
 * requests with their deadlines, and the staff actions on them (each one audited at the hub
 * with its reason). The core forwards these to the hub's `/v1/staff/requests` routes with the
 * signed-in staff member's token; which role may do what is decided there.
 */
import { z } from 'zod';
import { StaffExportResponse, StaffRequest } from '../hub-api/requests';
import { HoldCategory, MAX_EXTENSION_DAYS, RequestKind, RequestStatus, STAFF_REASON_MAX } from '../requests';
import type { DomainContract } from './common';

export const CONSOLE_REQUESTS_PAGE = 50;

const RequestId = z.string().min(1).max(100);
/** The hub trims and wants at least 3 characters; the same rule here so the form says it first. */
const Reason = z.string().trim().min(3).max(STAFF_REASON_MAX);

export const ConsoleRequestsQuery = z
  .object({
    status: RequestStatus.optional(),
    kind: RequestKind.optional(),
    overdueOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type ConsoleRequestsQuery = z.infer<typeof ConsoleRequestsQuery>;

export const ConsoleRequestsPage = z.object({
  /** Overdue first, then by the nearest deadline (the hub's order). */
  requests: z.array(StaffRequest),
  total: z.number().int().min(0),
});
export type ConsoleRequestsPage = z.infer<typeof ConsoleRequestsPage>;

const One = z.object({ request: StaffRequest });
const ById = z.object({ requestId: RequestId }).strict();

export const AcknowledgeInput = z.object({ requestId: RequestId, thirdPartyInvolved: z.boolean() }).strict();
export const ExtendInput = z.object({ requestId: RequestId, days: z.number().int().min(1).max(MAX_EXTENSION_DAYS), reason: Reason }).strict();
export const HoldInput = z.object({ requestId: RequestId, category: HoldCategory, reason: Reason }).strict();
export const ReasonInput = z.object({ requestId: RequestId, reason: Reason }).strict();
export const CompleteInput = z.object({ requestId: RequestId, note: z.string().trim().max(STAFF_REASON_MAX).optional() }).strict();
export type AcknowledgeInput = z.infer<typeof AcknowledgeInput>;
export type ExtendInput = z.infer<typeof ExtendInput>;
export type HoldInput = z.infer<typeof HoldInput>;
export type ReasonInput = z.infer<typeof ReasonInput>;
export type CompleteInput = z.infer<typeof CompleteInput>;

export const consoleRequestsContract = {
  'consoleRequests:list': { request: ConsoleRequestsQuery, response: ConsoleRequestsPage },
  'consoleRequests:get': { request: ById, response: One },
  'consoleRequests:acknowledge': { request: AcknowledgeInput, response: One },
  'consoleRequests:extend': { request: ExtendInput, response: One },
  'consoleRequests:hold': { request: HoldInput, response: One },
  'consoleRequests:release': { request: ReasonInput, response: One },
  'consoleRequests:refuse': { request: ReasonInput, response: One },
  'consoleRequests:complete': { request: CompleteInput, response: One },
  /** The prepared copy of an export request; the hub audits the download. */
  'consoleRequests:export': { request: ById, response: StaffExportResponse },
} as const satisfies DomainContract<'consoleRequests'>;
