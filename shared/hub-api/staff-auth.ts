/**
 * Staff sign-in at a manager workstation: username and password, then a code by SMS, then a
 * staff token that works only together with the credential of the device that signed in.
 */
import { z } from 'zod';
import { Instant, StaffRole } from '../domain';
import { OtpCode } from './auth';

export const StaffSignInBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1024) });
export type StaffSignInBody = z.infer<typeof StaffSignInBody>;
export const StaffSignInResponse = z.object({ challengeId: z.string().min(1), expiresAt: Instant });
export type StaffSignInResponse = z.infer<typeof StaffSignInResponse>;

export const StaffVerifyBody = z.object({ challengeId: z.string().min(1).max(100), code: OtpCode });
export type StaffVerifyBody = z.infer<typeof StaffVerifyBody>;

export const StaffSummary = z.object({
  id: z.string().min(1),
  fullName: z.string(),
  role: StaffRole,
  /** Null for the operator's own administrators, who work across every building. */
  buildingId: z.string().nullable(),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const StaffSessionResponse = z.object({
  staff: StaffSummary,
  /** True until the one-time password is replaced: every other staff route answers `password_change_required`. */
  mustChangePassword: z.boolean(),
  /** The session's hard cap; the console locks sooner when idle. */
  expiresAt: Instant,
  /** Idle for 10 minutes: only `POST /v1/staff/unlock` (with the password) or sign-out work until then. */
  locked: z.boolean(),
});
export type StaffSessionResponse = z.infer<typeof StaffSessionResponse>;

export const StaffVerifyResponse = StaffSessionResponse.extend({ token: z.string().min(32) });
export type StaffVerifyResponse = z.infer<typeof StaffVerifyResponse>;

export const StaffPasswordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) });
export type StaffPasswordBody = z.infer<typeof StaffPasswordBody>;
export const StaffPasswordResponse = z.object({ changed: z.literal(true) });
export type StaffPasswordResponse = z.infer<typeof StaffPasswordResponse>;

export const StaffUnlockBody = z.object({ password: z.string().min(1).max(1024) });
export type StaffUnlockBody = z.infer<typeof StaffUnlockBody>;

export const StaffSignOutResponse = z.object({ signedOut: z.literal(true) });
export type StaffSignOutResponse = z.infer<typeof StaffSignOutResponse>;
