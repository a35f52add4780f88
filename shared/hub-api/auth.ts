import { z } from 'zod';
import { Instant, ResidentSummary } from '../domain';

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
  /** The resident's unit: the kiosk keeps it in main for authorization and audit, never on screen. */
  unitId: z.string().min(1),
  /** The hub's resident session: the kiosk tags the writes the resident makes with it (see sync). */
  sessionId: z.string().min(1),
});
export type OtpVerifyResponse = z.infer<typeof OtpVerifyResponse>;

/** Sign-out answers the same whether or not the session was still open: it is closed either way. */
export const SignOutResponse = z.object({ signedOut: z.literal(true) });
export type SignOutResponse = z.infer<typeof SignOutResponse>;
