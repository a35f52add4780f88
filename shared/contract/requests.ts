/** `requests:*` — "My requests": the signed-in resident's data-subject requests, a deletion confirmed with a fresh code, an export. */
import { z } from 'zod';
import { Instant } from '../domain';
import { FinalNoticeChannel, MyRequest } from '../requests';
import { Empty } from './common';
import type { DomainContract } from './common';

export const RequestsView = z.object({
  /** Newest first, as the hub lists them. */
  requests: z.array(MyRequest),
  /**
   * Where a deletion's final notice or an export can go, masked: the screens say "to 09•• ••• 567"
   * without ever holding the number or the address itself.
   */
  contact: z.object({ phoneMasked: z.string(), emailMasked: z.string().nullable() }),
});
export type RequestsView = z.infer<typeof RequestsView>;

export const DeletionCodeSent = z.object({
  expiresAt: Instant,
  resendAfterSeconds: z.number().int().min(0),
  phoneMasked: z.string(),
});
export type DeletionCodeSent = z.infer<typeof DeletionCodeSent>;

/**
 * What the resident asks for. A deletion carries the code of the last `requests:sendDeletionCode`
 * of this session (the core keeps which challenge it answers, as it keeps the phone at sign-in).
 */
export const CreateRequestInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deletion'), finalNotice: FinalNoticeChannel, code: z.string().regex(/^\d{6}$/) }).strict(),
  z.object({ kind: z.literal('export') }).strict(),
]);
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;

export const requestsContract = {
  'requests:list': { request: Empty, response: RequestsView },
  'requests:sendDeletionCode': { request: Empty, response: DeletionCodeSent },
  'requests:create': {
    request: CreateRequestInput,
    /** `created: false`: one of the same kind was already open, and `request` is that one. */
    response: z.object({ request: MyRequest, created: z.boolean() }),
  },
  'requests:cancel': {
    request: z.object({ requestId: z.string().min(1).max(100) }).strict(),
    response: z.object({ request: MyRequest }),
  },
} as const satisfies DomainContract<'requests'>;
