/**
 * "My information": what the resident sees of their own record, the changes they started
 * (phone, email) and the corrections they asked for (name, contact address), plus the
 * masking used on screen and the input rules both the kiosk and the hub apply.
 */
import { z } from 'zod';
import { Instant } from './domain';

export const ContactChangeKind = z.enum(['phone', 'email']);
export type ContactChangeKind = z.infer<typeof ContactChangeKind>;

/**
 * `pending`: codes sent, not all verified yet. `awaiting_review`: the new number is proven
 * but the resident no longer has the old phone, so the management verifies them.
 * `done`: applied. `rejected`: the management refused (with a reason). `expired`: the codes
 * ran out. `failed`: a code was typed wrong too often. `replaced`: a newer change took its place.
 * `refused`: a number another resident has (kept, without the number, only to count against the limit).
 */
export const ContactChangeStatus = z.enum(['pending', 'awaiting_review', 'done', 'rejected', 'expired', 'failed', 'replaced', 'refused']);
export type ContactChangeStatus = z.infer<typeof ContactChangeStatus>;

export const ContactChange = z.object({
  id: z.string().min(1),
  kind: ContactChangeKind,
  status: ContactChangeStatus,
  /** The new phone or email, masked; null when the change removes the email. */
  newValueMasked: z.string().nullable(),
  /** True when a code went to the current number as well (phone changes with the old phone). */
  needsOldCode: z.boolean(),
  oldVerified: z.boolean(),
  newVerified: z.boolean(),
  createdAt: Instant,
  expiresAt: Instant,
  /** When it was applied, rejected or otherwise closed. */
  closedAt: Instant.nullable(),
  /** The management's reason for a rejection. */
  reason: z.string().nullable(),
});
export type ContactChange = z.infer<typeof ContactChange>;

export const CorrectionField = z.enum(['name', 'address']);
export type CorrectionField = z.infer<typeof CorrectionField>;

export const CorrectionStatus = z.enum(['received', 'approved', 'rejected']);
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;

export const CorrectionRequest = z.object({
  id: z.string().min(1),
  field: CorrectionField,
  value: z.string(),
  status: CorrectionStatus,
  reason: z.string().nullable(),
  createdAt: Instant,
  decidedAt: Instant.nullable(),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

export const MyDetails = z.object({
  fullName: z.string(),
  units: z.array(z.object({ label: z.string() })),
  buildingName: z.string(),
  /** E.164. */
  phone: z.string(),
  email: z.string().nullable(),
  contactAddress: z.string().nullable(),
});
export type MyDetails = z.infer<typeof MyDetails>;

export const MyProfile = z.object({
  details: MyDetails,
  /** Newest first: the pending ones and the recently closed ones. */
  contactChanges: z.array(ContactChange),
  corrections: z.array(CorrectionRequest),
});
export type MyProfile = z.infer<typeof MyProfile>;

// Limits, checks and masks live in a zod-free module the kiosk renderer can import alone.
export { ADDRESS_MAX, EMAIL_MAX, NAME_MAX, isValidAddress, isValidName, maskAddress, maskEmail, maskName, maskPhoneLocal, normalizeEmail, tidyText } from './profile-rules';

/** The outbox operation a kiosk queues for a correction (works offline; the hub applies it once). */
export const CORRECTION_REQUEST_KIND = 'correction.request';

export const CorrectionRequestPayload = z
  .object({
    field: CorrectionField,
    value: z.string().min(1).max(1000),
  })
  .strict();
export type CorrectionRequestPayload = z.infer<typeof CorrectionRequestPayload>;
