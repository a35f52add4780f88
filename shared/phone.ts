import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parsePhoneNumberFromString as parseWithMobileMetadata } from 'libphonenumber-js/mobile';

/**
 * Normalizes what a resident typed (`0912 345 678`, `84912345678`, `+84 912 345 678`) to
 * E.164 (`+84912345678`). Returns null for anything that is not a valid Vietnamese
 * mobile or fixed number.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const cleaned = input.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{8,15}$/.test(cleaned)) return null;
  const withPlus = cleaned.startsWith('84') && cleaned.length >= 11 ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, 'VN');
  if (!parsed || parsed.country !== 'VN' || !parsed.isValid()) return null;
  return parsed.number;
}

/** `+84912345678` → `+84 *** *** 678`: enough for the resident to recognise, no more. */
export function maskPhone(e164: string): string {
  const last = e164.slice(-3);
  return `${e164.slice(0, 3)} *** *** ${last}`;
}

/**
 * Like `normalizeVietnamesePhone`, but only for a Vietnamese mobile number: the sign-in code
 * goes by SMS, so a landline or a number no operator hands out (`1111 111 111`, which the
 * smaller metadata lets through) would only leave the resident waiting for a text that never
 * comes. The mobile metadata of libphonenumber-js knows the operators' prefixes.
 */
export function normalizeVietnameseMobile(input: string): string | null {
  const e164 = normalizeVietnamesePhone(input);
  if (e164 === null) return null;
  const parsed = parseWithMobileMetadata(e164);
  return parsed !== undefined && parsed.country === 'VN' && parsed.isValid() ? parsed.number : null;
}

/** `+84912345678` → `0912 345 678`: the number as residents type and read it. Other numbers unchanged. */
export function localPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`.trim();
}
