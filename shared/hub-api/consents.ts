/** The signed-in resident's consents, as `GET /v1/me/consents` answers. */
import { z } from 'zod';
import { PurposeDefinition, ReceiptChannel } from '../consents';
import { Instant } from '../domain';

export const ConsentState = PurposeDefinition.extend({
  /** The current choice: always true for a necessary purpose, false for an optional one never chosen. */
  granted: z.boolean(),
  /** When the current choice was made; null when the resident never chose. */
  since: Instant.nullable(),
  /** The policy version the current choice was made under; null when never chosen. */
  choiceVersion: z.number().int().min(1).nullable(),
  /**
   * The purpose or its recipients changed since that version: the resident is asked again,
   * and until they answer, an earlier "yes" does not count.
   */
  needsReview: z.boolean(),
});
export type ConsentState = z.infer<typeof ConsentState>;

export const ConsentsResponse = z.object({
  policyVersion: z.number().int().min(1),
  purposes: z.array(ConsentState),
  receiptChannel: ReceiptChannel,
  /** Whether the resident has an email address, so receipts by email can be offered. */
  hasEmail: z.boolean(),
});
export type ConsentsResponse = z.infer<typeof ConsentsResponse>;
