/** `profile:*` — "My information": the signed-in resident's details, contact changes and corrections. */
import { z } from 'zod';
import { Instant } from '../domain';
import { ContactChange, CorrectionField, EMAIL_MAX, MyDetails } from '../profile';
import { Empty } from './common';
import type { DomainContract } from './common';

/**
 * A correction as the kiosk shows it. `saved`: queued on this kiosk, not at the hub yet.
 * `sent`: the hub has it and the management has not decided. `approved` / `rejected`: decided
 * (a rejection by the hub itself, e.g. a value it refuses, is `rejected` too, with its reason code).
 */
export const CorrectionState = z.enum(['saved', 'sent', 'approved', 'rejected']);
export type CorrectionState = z.infer<typeof CorrectionState>;

export const CorrectionView = z.object({
  id: z.string().min(1),
  field: CorrectionField,
  value: z.string(),
  state: CorrectionState,
  /** The management's words for a rejection; null otherwise. */
  reason: z.string().nullable(),
  /** Set when the hub refused the queued request itself (the screen words it from the code). */
  rejectedCode: z.string().nullable(),
  createdAt: Instant,
});
export type CorrectionView = z.infer<typeof CorrectionView>;

export const ProfileView = z.object({
  details: MyDetails,
  contactChanges: z.array(ContactChange),
  corrections: z.array(CorrectionView),
  /** True when the hub could not be reached and this is what the kiosk last had in this session. */
  fromCache: z.boolean(),
});
export type ProfileView = z.infer<typeof ProfileView>;

const ContactChangeResult = z.object({ change: ContactChange, resendAfterSeconds: z.number().int().min(0) });

export const profileContract = {
  'profile:get': { request: Empty, response: ProfileView },
  'profile:startContactChange': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('phone'), newPhone: z.string().min(1).max(40), hasOldPhone: z.boolean() }).strict(),
      z.object({ kind: z.literal('email'), newEmail: z.string().min(1).max(EMAIL_MAX + 20) }).strict(),
    ]),
    response: ContactChangeResult,
  },
  'profile:verifyContactChange': {
    request: z.object({ changeId: z.string().min(1).max(100), target: z.enum(['old', 'new']), code: z.string().regex(/^\d{6}$/) }).strict(),
    response: ContactChangeResult,
  },
  'profile:removeEmail': { request: Empty, response: ContactChangeResult },
  'profile:requestCorrection': {
    request: z.object({ field: CorrectionField, value: z.string().min(1).max(1000) }).strict(),
    response: z.object({ correction: CorrectionView }),
  },
} as const satisfies DomainContract<'profile'>;
