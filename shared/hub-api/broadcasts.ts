/**
 * Emergency broadcasts: a manager puts one message on every kiosk of the building (fire
 * drill, water main burst, lift trapped…) until they end it. Published to the kiosks as the
 * sync change `emergency_broadcast`; ending it publishes a tombstone.
 */
import { z } from 'zod';
import { Instant } from '../domain';

export const BROADCAST_TITLE_MAX = 120;
export const BROADCAST_BODY_MAX = 1000;
export const BROADCAST_REASON_MAX = 500;

/** The same text in both languages: every kiosk shows both, whatever language it is in. */
export const BilingualText = z.object({ vi: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualText>;

const titleText = z.string().trim().min(1).max(BROADCAST_TITLE_MAX);
const bodyText = z.string().trim().min(1).max(BROADCAST_BODY_MAX);

/** What a kiosk receives and shows: the `data` of an `emergency_broadcast` sync change. */
export const EmergencyBroadcast = z.object({
  id: z.string().min(1),
  startedAt: Instant,
  title: BilingualText,
  body: BilingualText,
});
export type EmergencyBroadcast = z.infer<typeof EmergencyBroadcast>;

export const StartBroadcastBody = z
  .object({
    title: z.object({ vi: titleText, en: titleText }).strict(),
    body: z.object({ vi: bodyText, en: bodyText }).strict(),
    /** Why it was sent: kept in the audit log, never shown on the kiosks. */
    reason: z.string().trim().min(1).max(BROADCAST_REASON_MAX),
  })
  .strict();
export type StartBroadcastBody = z.infer<typeof StartBroadcastBody>;

export const BroadcastParams = z.object({ id: z.string().min(1).max(100) }).strict();
export type BroadcastParams = z.infer<typeof BroadcastParams>;

/** Why it was ended, for the audit log (optional: "the drill is over" needs no words). */
export const EndBroadcastBody = z.object({ reason: z.string().trim().min(1).max(BROADCAST_REASON_MAX).optional() }).strict();
export type EndBroadcastBody = z.infer<typeof EndBroadcastBody>;

/** The building's live broadcast, as every kiosk of it shows it; null when there is none. */
export const LiveBroadcastResponse = z.object({ live: EmergencyBroadcast.nullable() });
export type LiveBroadcastResponse = z.infer<typeof LiveBroadcastResponse>;

export const BroadcastResponse = z.object({ broadcast: EmergencyBroadcast });
export type BroadcastResponse = z.infer<typeof BroadcastResponse>;

export const EndBroadcastResponse = z.object({ endedAt: Instant });
export type EndBroadcastResponse = z.infer<typeof EndBroadcastResponse>;
