import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { MetadataJson } from 'libphonenumber-js/core';
import vietnamMin from './phone-metadata/vn.min.json' with { type: 'json' };

/**
 * libphonenumber-js's "min" metadata cut down to Vietnam (`npm run phone-metadata` writes it from
 * the installed package; a unit test fails when it is stale). A number of any other country has
 * no calling code here and is refused, as it was when the whole world's metadata was loaded.
 */
const metadata = vietnamMin as MetadataJson;

/**
 * Normalizes what a resident typed (`0912 345 678`, `84912345678`, `+84 912 345 678`) to
 * E.164 (`+84912345678`). Returns null for anything that is not a valid Vietnamese
 * mobile or fixed number.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const cleaned = input.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d{8,15}$/.test(cleaned)) return null;
  const withPlus = cleaned.startsWith('84') && cleaned.length >= 11 ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, 'VN', metadata);
  if (!parsed || parsed.country !== 'VN' || !parsed.isValid()) return null;
  return parsed.number;
}

/** `+84912345678` → `+84 *** *** 678`: enough for the resident to recognise, no more. */
export function maskPhone(e164: string): string {
  const last = e164.slice(-3);
  return `${e164.slice(0, 3)} *** *** ${last}`;
}

/** `+84912345678` → `0912 345 678`: the number as residents type and read it. Other numbers unchanged. */
export function localPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`.trim();
}
