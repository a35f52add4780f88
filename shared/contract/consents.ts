/** `consents:*` — the signed-in resident's consents and where their receipts go. */
import { z } from 'zod';
import { PurposeId, ReceiptChannel } from '../consents';
import { ConsentState } from '../hub-api/consents';
import { Instant } from '../domain';
import { Empty } from './common';
import type { DomainContract } from './common';

/** Where a change made at this kiosk stands: waiting here for the hub, sent (applied), or refused with the hub's reason. */
export const ChangeState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting') }),
  z.object({ state: z.literal('sent'), at: Instant }),
  z.object({ state: z.literal('rejected'), at: Instant, code: z.string(), message: z.string() }),
]);
export type ChangeState = z.infer<typeof ChangeState>;

/** One purpose as the screen shows it: the hub's state with this session's change laid over it. */
export const ConsentView = ConsentState.extend({
  /** The latest change the resident made to this purpose in this session, if any. */
  change: z.object({ id: z.string(), granted: z.boolean(), status: ChangeState }).nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const ConsentsView = z.object({
  policyVersion: z.number().int().min(1),
  purposes: z.array(ConsentView),
  receiptChannel: ReceiptChannel,
  hasEmail: z.boolean(),
  /** The hub could not be reached: this is what the kiosk knew from earlier in the session. */
  offline: z.boolean(),
});
export type ConsentsView = z.infer<typeof ConsentsView>;

export const consentsContract = {
  'consents:list': { request: Empty, response: ConsentsView },
  'consents:set': {
    request: z.object({ purposeId: PurposeId, granted: z.boolean() }).strict(),
    response: z.object({ id: z.string(), status: ChangeState }),
  },
  'consents:setReceipts': {
    request: z.object({ channel: ReceiptChannel }).strict(),
    response: z.object({ id: z.string(), status: ChangeState }),
  },
  'consents:changeStatus': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ status: ChangeState.nullable() }),
  },
} as const satisfies DomainContract<'consents'>;
