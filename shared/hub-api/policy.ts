/** The operator's privacy policy as the hub serves it: the current version and the history. */
import { z } from 'zod';
import { Bilingual, PurposeDefinition } from '../consents';
import { LocalDate } from '../domain';

export const PolicyVersion = z.object({
  version: z.number().int().min(1),
  /** The calendar day (Vietnam) from which this version applies. */
  effectiveFrom: LocalDate,
  /** The full text, paragraphs separated by blank lines. */
  text: Bilingual,
  /** What changed since the version before; null for the first. */
  changes: Bilingual.nullable(),
  purposes: z.array(PurposeDefinition),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicyResponse = z.object({ policy: PolicyVersion });
export type PolicyResponse = z.infer<typeof PolicyResponse>;

export const PolicyVersionsResponse = z.object({
  current: z.number().int().min(1),
  /** Every version in effect so far, newest first. */
  versions: z.array(PolicyVersion),
});
export type PolicyVersionsResponse = z.infer<typeof PolicyVersionsResponse>;
