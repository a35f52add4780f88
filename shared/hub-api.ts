/**
 * Wire schemas of the hub's REST API (`/v1`). The hub validates requests and the kiosk
 * validates responses with these same schemas.
 *
 * Authentication headers:
 * - `X-Kiot-Device: <deviceId>.<deviceSecret>` on every call from an enrolled device;
 * - `Authorization: Bearer <token>` for a resident session, valid only together with the
 *   device credential of the device that completed the OTP.
 */
import { z } from 'zod';
import { AppError } from './result';
import { Bill, DeviceMode, Instant, ResidentSummary } from './domain';

export const DEVICE_HEADER = 'x-kiot-device';

export const ErrorBody = z.object({ error: AppError });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const HealthResponse = z.object({ ok: z.literal(true), version: z.string() });

export const EnrollRequest = z.object({
  code: z.string().trim().min(6).max(64),
  name: z.string().trim().min(1).max(100),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;
export const EnrollResponse = z.object({
  deviceId: z.string().min(1),
  deviceSecret: z.string().min(32),
  buildingId: z.string().min(1),
  buildingName: z.string(),
  mode: DeviceMode,
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** Free-form input: the hub normalizes it to E.164 and rejects what is not a phone number. */
export const OtpRequestBody = z.object({ phone: z.string().trim().min(1).max(32) });
export type OtpRequestBody = z.infer<typeof OtpRequestBody>;
export const OtpRequestResponse = z.object({
  requestId: z.string().min(1),
  expiresAt: Instant,
  resendAfterSeconds: z.number().int().min(0),
});
export type OtpRequestResponse = z.infer<typeof OtpRequestResponse>;

export const OtpCode = z.string().regex(/^\d{6}$/);
export const OtpVerifyBody = z.object({ requestId: z.string().min(1).max(100), code: OtpCode });
export type OtpVerifyBody = z.infer<typeof OtpVerifyBody>;
export const OtpVerifyResponse = z.object({
  token: z.string().min(32),
  expiresAt: Instant,
  resident: ResidentSummary,
});
export type OtpVerifyResponse = z.infer<typeof OtpVerifyResponse>;

export const BillsResponse = z.object({ bills: z.array(Bill) });
export type BillsResponse = z.infer<typeof BillsResponse>;

export const DevSmsMessage = z.object({ to: z.string(), body: z.string(), sentAt: Instant });
export type DevSmsMessage = z.infer<typeof DevSmsMessage>;
export const DevSmsOutboxResponse = z.object({ messages: z.array(DevSmsMessage) });
export type DevSmsOutboxResponse = z.infer<typeof DevSmsOutboxResponse>;

/** HTTP status the hub uses for each error code. */
export const httpStatusFor = {
  invalid_input: 400,
  wrong_code: 401,
  code_expired: 401,
  code_locked: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  wrong_state: 409,
  rate_limited: 429,
  hub_unavailable: 503,
  internal: 500,
} as const satisfies Record<AppError['code'], number>;
