/** `policy:*` — the privacy policy, readable before and after sign-in, also while the hub is unreachable. */
import { z } from 'zod';
import { Instant } from '../domain';
import { PolicyVersion } from '../hub-api/policy';
import { Empty } from './common';
import type { DomainContract } from './common';

export const PolicyView = z.object({
  current: z.number().int().min(1),
  /** Newest first; the first is the one in effect. */
  versions: z.array(PolicyVersion).min(1),
  /** Null when fresh from the hub; otherwise when the kiosk's copy was fetched. */
  storedAt: Instant.nullable(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const policyContract = {
  'policy:get': { request: Empty, response: PolicyView },
} as const satisfies DomainContract<'policy'>;
