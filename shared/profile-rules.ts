/**
 * The profile's limits, checks and masks, without zod: the kiosk renderer imports them from
 * here so its first chunk does not carry the schemas (shared/profile.ts re-exports them).
 */

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
