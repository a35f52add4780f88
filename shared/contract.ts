/**
 * The IPC contract between the renderer and the main process: every channel with its
 * request and response schema, and every event the main process pushes.
 *
 * The same contract is served by Electron IPC (electron/main) and by the web host's
 * loopback WebSocket (dev/web-host); both go through one dispatcher that parses the
 * request and returns a `Result`.
 */
import { z } from 'zod';
import { Bill, DeviceMode, Instant, Locale, ResidentSummary } from './domain';
import { OtpCode } from './hub-api';
import type { ChannelName, EventName } from './channels';

const Empty = z.object({}).strict();

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

export const AppInfo = z.object({
  mode: DeviceMode,
  version: z.string(),
  buildingName: z.string(),
  defaultLocale: Locale,
  idleSeconds: z.number().int().positive(),
  countdownSeconds: z.number().int().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  'app:info': { request: Empty, response: AppInfo },
  'session:get': { request: Empty, response: SessionView },
  /** Leave the attract screen (or go back from the code screen) to phone entry. */
  'session:start': { request: Empty, response: SessionView },
  /** Throttled activity heartbeat from the renderer. */
  'session:activity': { request: Empty, response: Empty },
  /** The Continue button of the idle countdown. */
  'session:continue': { request: Empty, response: SessionView },
  /** Sign out or cancel: locks and wipes the session. */
  'session:end': { request: Empty, response: SessionView },
  'auth:requestOtp': {
    request: z.object({ phone: z.string().trim().min(1).max(32) }).strict(),
    response: z.object({ maskedPhone: z.string(), expiresAt: Instant, resendAfterSeconds: z.number().int().min(0) }),
  },
  'auth:verifyOtp': {
    request: z.object({ code: OtpCode }).strict(),
    response: z.object({ resident: ResidentSummary }),
  },
  'bills:list': { request: Empty, response: z.object({ bills: z.array(Bill) }) },
  'bills:get': {
    request: z.object({ billId: z.string().min(1).max(100) }).strict(),
    response: z.object({ bill: Bill }),
  },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export const events = {
  'session:changed': SessionView,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type RequestInput<C extends ChannelName> = z.input<Contract[C]['request']>;
export type RequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** One function per channel. An object of this type that lacks a channel does not compile. */
export type Handlers = { [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };
