import { z } from 'zod';
import type { ChannelsOf } from '../channels';

/** A request or response that carries nothing. Strict, so a stray field is refused, not ignored. */
export const Empty = z.object({}).strict();

export type ChannelSchema = { request: z.ZodType; response: z.ZodType };

/**
 * The schemas of one domain's channels: exactly the names `shared/channels.ts` lists for
 * that domain. A domain file that forgets a channel, or adds one that is not listed,
 * does not compile.
 */
export type DomainContract<D extends string> = Record<ChannelsOf<D>, ChannelSchema>;
