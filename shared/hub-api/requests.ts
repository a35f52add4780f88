/** Wire schemas of data-subject requests: the resident's own (`/v1/me/requests`) and the console's queue (`/v1/staff/requests`). */
import { z } from 'zod';
import { Instant } from '../domain';
import { ExportDelivery, FinalNoticeChannel, HoldCategory, MAX_EXTENSION_DAYS, MyRequest, REQUEST_DETAILS_MAX, RequestKind, RequestStatus, ResidentRequestKind, STAFF_REASON_MAX } from '../requests';
import { OtpCode } from './auth';

/** Sends a fresh code to the signed-in resident's phone, to confirm a deletion request. */
export const RequestOtpResponse = z.object({
  challengeId: z.string().min(1),
  expiresAt: Instant,
  resendAfterSeconds: z.number().int().min(0),
  /** The number the code went to, masked (`09•• ••• 567`). */
  phoneMasked: z.string(),
});
export type RequestOtpResponse = z.infer<typeof RequestOtpResponse>;

export const CreateRequestBody = z
  .object({
    kind: ResidentRequestKind,
    /** Objection and restriction: what the resident objects to (required there); ignored otherwise. */
    details: z.string().min(1).max(REQUEST_DETAILS_MAX).optional(),
    /** Deletion: where the final notice goes (default `sms`); `email` needs a verified email. */
    finalNotice: FinalNoticeChannel.optional(),
    /** Deletion: the challenge from `POST /v1/me/requests/otp` and its code (required there). */
    otpChallengeId: z.string().min(1).max(100).optional(),
    code: OtpCode.optional(),
  })
  .strict();
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const CreateRequestResponse = z.object({
  request: MyRequest,
  /** False when a pending request of the same kind already existed: `request` is that one, and nothing new was made. */
  created: z.boolean(),
});
export type CreateRequestResponse = z.infer<typeof CreateRequestResponse>;

export const MyRequestsResponse = z.object({ requests: z.array(MyRequest) });
export type MyRequestsResponse = z.infer<typeof MyRequestsResponse>;

export const RequestParams = z.object({ id: z.string().min(1).max(100) });
export type RequestParams = z.infer<typeof RequestParams>;

export const MyRequestResponse = z.object({ request: MyRequest });
export type MyRequestResponse = z.infer<typeof MyRequestResponse>;

// ——— the console's queue ———

export const StaffRequestListQuery = z
  .object({
    status: RequestStatus.optional(),
    kind: RequestKind.optional(),
    /** Only requests past a deadline (acknowledgement or action). */
    overdue: z.enum(['true', 'false']).optional(),
    residentId: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type StaffRequestListQuery = z.infer<typeof StaffRequestListQuery>;

export const StaffRequest = MyRequest.extend({
  buildingId: z.string(),
  /** Null once the resident is erased: the request stays, unlinked. */
  residentId: z.string().nullable(),
  /** The resident's name as the queue shows it; null once erased. */
  residentName: z.string().nullable(),
  unitLabels: z.array(z.string()),
  overdueAcknowledge: z.boolean(),
  overdueAct: z.boolean(),
  /** The manager's written reason for the current hold (not shown to the resident). */
  holdReason: z.string().nullable(),
  thirdPartyInvolved: z.boolean(),
});
export type StaffRequest = z.infer<typeof StaffRequest>;

export const StaffRequestListResponse = z.object({
  /** Overdue first, then by the nearest deadline. */
  requests: z.array(StaffRequest),
  total: z.number().int().min(0),
});
export type StaffRequestListResponse = z.infer<typeof StaffRequestListResponse>;

export const StaffRequestResponse = z.object({ request: StaffRequest });
export type StaffRequestResponse = z.infer<typeof StaffRequestResponse>;

const Reason = z.string().trim().min(3).max(STAFF_REASON_MAX);

export const StaffAcknowledgeBody = z.object({ thirdPartyInvolved: z.boolean().optional() }).strict();
export const StaffExtendBody = z.object({ days: z.number().int().min(1).max(MAX_EXTENSION_DAYS), reason: Reason }).strict();
export const StaffHoldBody = z.object({ category: HoldCategory, reason: Reason }).strict();
export const StaffReasonBody = z.object({ reason: Reason }).strict();
export const StaffCompleteBody = z.object({ note: z.string().trim().max(STAFF_REASON_MAX).optional() }).strict();
export type StaffExtendBody = z.infer<typeof StaffExtendBody>;
export type StaffHoldBody = z.infer<typeof StaffHoldBody>;

/** The resident's data as the export job prepared it (JSON), for the office to hand over. */
export const StaffExportResponse = z.object({
  requestId: z.string(),
  preparedAt: Instant,
  delivery: ExportDelivery,
  /** The machine-readable copy. */
  data: z.json(),
  /** The readable summary (Vietnamese then English), plain text. */
  summary: z.string(),
});
export type StaffExportResponse = z.infer<typeof StaffExportResponse>;
