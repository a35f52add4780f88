/** `session:*` — the resident session the main process owns, as the renderer may see it. */
import { z } from 'zod';
import { Instant, Locale, ResidentSummary } from '../domain';
import { Empty } from './common';
import type { DomainContract } from './common';

export const SessionState = z.enum(['attract', 'phone', 'code', 'signedIn']);
export type SessionState = z.infer<typeof SessionState>;

export const LockReason = z.enum(['idle', 'hardCap', 'signOut', 'suspend', 'crash']);
export type LockReason = z.infer<typeof LockReason>;

export const SessionView = z.object({
  state: SessionState,
  /** Set while the "Are you still there?" countdown runs. */
  countdown: z.object({ endsAt: Instant, secondsLeft: z.number().int().min(0) }).nullable(),
  /** Shown on the code screen, e.g. `+84 *** *** 678`. */
  maskedPhone: z.string().nullable(),
  resident: ResidentSummary.nullable(),
  /** Why the last session ended; the renderer wipes its state when this changes. */
  lastLock: z.object({ reason: LockReason, at: Instant }).nullable(),
});
export type SessionView = z.infer<typeof SessionView>;

export const sessionContract = {
  'session:get': { request: Empty, response: SessionView },
  /** Leave the attract screen (or go back from the code screen) to phone entry. */
  'session:start': { request: Empty, response: SessionView },
  /** Throttled activity heartbeat from the renderer. */
  'session:activity': { request: Empty, response: Empty },
  /** The Continue button of the idle countdown. */
  'session:continue': { request: Empty, response: SessionView },
  /** Sign out or cancel: locks and wipes the session. */
  'session:end': { request: Empty, response: SessionView },
  /**
   * The resident switched the language. Main keeps it for the rest of the session (texts
   * it produces, the audit trail); every lock sets it back to Vietnamese.
   */
  'session:setLocale': { request: z.object({ locale: Locale }).strict(), response: Empty },
} as const satisfies DomainContract<'session'>;

export const sessionEvents = {
  'session:changed': SessionView,
} as const;
