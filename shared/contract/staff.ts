/**
 * `staff:*` — the staff session of a manager workstation, as the console may see it. The core
 * keeps the staff token (in memory only) and the sign-in challenge; the renderer only ever sees
 * a `StaffView`.
 *
 * Naming for the console's feature channels: `console<Feature>:<verb>` (e.g.
 * `consoleRequests:list`), each forwarded by its core feature to a hub staff route through
 * `staffHub.call` (electron/core/session/staff-session.ts).
 */
import { z } from 'zod';
import { Instant, StaffRole } from '../domain';
import { OtpCode } from '../hub-api';
import { Empty } from './common';
import type { DomainContract } from './common';

/**
 * signedOut ─signIn→ code ─verify→ (changePassword ─changePassword→) signedIn ─idle/hub→ locked ─unlock→ signedIn
 * any state ─signOut→ signedOut
 */
export const StaffState = z.enum(['signedOut', 'code', 'changePassword', 'signedIn', 'locked']);
export type StaffState = z.infer<typeof StaffState>;

/** Why the console last left `signedIn`: the renderer drops everything it loaded when this changes. */
export const StaffLockReason = z.enum(['idle', 'hubLocked', 'signOut', 'expired', 'suspend', 'crash']);
export type StaffLockReason = z.infer<typeof StaffLockReason>;

export const StaffMember = z.object({ fullName: z.string(), role: StaffRole, buildingId: z.string().nullable() });
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffView = z.object({
  state: StaffState,
  /** Who is signed in (also while locked, so the lock screen can greet them). */
  staff: StaffMember.nullable(),
  /** While on the code step: when the SMS code stops working. */
  codeExpiresAt: Instant.nullable(),
  /** The idle time after which the console locks. */
  idleSeconds: z.number().int().min(1),
  lastLock: z.object({ reason: StaffLockReason, at: Instant }).nullable(),
});
export type StaffView = z.infer<typeof StaffView>;

const Password = z.string().min(1).max(1024);

export const StaffSignInInput = z.object({ username: z.string().trim().min(1).max(64), password: Password }).strict();
export type StaffSignInInput = z.infer<typeof StaffSignInInput>;
export const StaffVerifyInput = z.object({ code: OtpCode }).strict();
export const StaffChangePasswordInput = z.object({ currentPassword: Password, newPassword: Password }).strict();
export type StaffChangePasswordInput = z.infer<typeof StaffChangePasswordInput>;
export const StaffUnlockInput = z.object({ password: Password }).strict();

export const staffContract = {
  'staff:get': { request: Empty, response: StaffView },
  /** Username and password; the hub sends a code by SMS to the staff phone. */
  'staff:signIn': { request: StaffSignInInput, response: StaffView },
  'staff:verify': { request: StaffVerifyInput, response: StaffView },
  /** From the code step back to username and password. */
  'staff:cancel': { request: Empty, response: StaffView },
  'staff:changePassword': { request: StaffChangePasswordInput, response: StaffView },
  'staff:unlock': { request: StaffUnlockInput, response: StaffView },
  'staff:signOut': { request: Empty, response: StaffView },
  /** Throttled activity heartbeat from the console. */
  'staff:activity': { request: Empty, response: Empty },
} as const satisfies DomainContract<'staff'>;

export const staffEvents = {
  'staff:changed': StaffView,
} as const;
