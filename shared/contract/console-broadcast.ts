/**
 * `consoleBroadcast:*` — the console's emergency broadcast: see the building's live one,
 * start one (both languages and a reason), end it. The core forwards these to the hub's
 * `/v1/staff/broadcasts` routes; the hub decides who may (managers, administrators) and audits.
 */
import { z } from 'zod';
import { BroadcastResponse, EndBroadcastResponse, LiveBroadcastResponse, StartBroadcastBody } from '../hub-api/broadcasts';
import { BROADCAST_REASON_MAX } from '../hub-api/broadcasts';
import { Empty } from './common';
import type { DomainContract } from './common';

export const EndBroadcastInput = z.object({ id: z.string().min(1).max(100), reason: z.string().trim().min(1).max(BROADCAST_REASON_MAX).optional() }).strict();
export type EndBroadcastInput = z.infer<typeof EndBroadcastInput>;

export const consoleBroadcastContract = {
  'consoleBroadcast:live': { request: Empty, response: LiveBroadcastResponse },
  'consoleBroadcast:start': { request: StartBroadcastBody, response: BroadcastResponse },
  'consoleBroadcast:end': { request: EndBroadcastInput, response: EndBroadcastResponse },
} as const satisfies DomainContract<'consoleBroadcast'>;
