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

export const NAME_MAX = 100;
export const ADDRESS_MAX = 300;
export const EMAIL_MAX = 254;

/** Collapses runs of whitespace and trims: what a person typing on a touchscreen meant. */
export function tidyText(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/** A name as on an identity card: letters (any script, with Vietnamese marks), spaces, dots, hyphens, apostrophes. */
export function isValidName(value: string): boolean {
  const tidy = tidyText(value);
  return tidy.length >= 2 && tidy.length <= NAME_MAX && /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u.test(tidy);
}

export function isValidAddress(value: string): boolean {
  const tidy = tidyText(value);
  // Any printable text; control characters would only ever come from a broken client.
  return tidy.length >= 5 && tidy.length <= ADDRESS_MAX && !/\p{Cc}/u.test(tidy);
}

/**
 * Lower-cased, trimmed, or null when it cannot be an address: one @, a dotted domain, no
 * spaces. Deliberately simple: the code sent to it is the real check.
 */
export function normalizeEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  if (email.length > EMAIL_MAX) return null;
  return /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(email) && !email.includes('..') ? email : null;
}

const DOT = '•';

/** `+84901234567` → `09•• ••• 567`: the resident recognises the start and the end. */
export function maskPhoneLocal(e164: string): string {
  const local = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
  const hidden = Math.max(0, local.length - 5);
  const middle = DOT.repeat(hidden);
  // Grouped like a Vietnamese number is read: 4, then 3, then the last 3.
  return `${local.slice(0, 2)}${middle.slice(0, 2)} ${middle.slice(2)} ${local.slice(-3)}`.replace(/\s+/g, ' ');
}

/** `nguyen.mai@gmail.com` → `n•••@gmail.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return DOT.repeat(3);
  return `${email[0]}${DOT.repeat(3)}${email.slice(at)}`;
}

/** `Nguyễn Thị Mai` → `N. T. M.`: initials only. */
export function maskName(name: string): string {
  return tidyText(name)
    .split(' ')
    .filter((part) => part.length > 0)
    .map((part) => `${[...part][0] ?? ''}.`)
    .join(' ');
}

/** An address keeps its first word (often the house number) and hides the rest. */
export function maskAddress(address: string): string {
  const first = tidyText(address).split(' ')[0] ?? '';
  return `${first} ${DOT.repeat(6)}`;
}

/** The outbox operation a kiosk queues for a correction (works offline; the hub applies it once). */
export const CORRECTION_REQUEST_KIND = 'correction.request';

export const CorrectionRequestPayload = z
  .object({
    field: CorrectionField,
    value: z.string().min(1).max(1000),
  })
  .strict();
export type CorrectionRequestPayload = z.infer<typeof CorrectionRequestPayload>;
