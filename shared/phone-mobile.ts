import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import type { MetadataJson } from 'libphonenumber-js/core';
import { normalizeVietnamesePhone } from './phone';
import vietnamMobile from './phone-metadata/vn.mobile.json' with { type: 'json' };

/** libphonenumber-js's "mobile" metadata cut down to Vietnam (`npm run phone-metadata`). */
const mobileMetadata = vietnamMobile as MetadataJson;

/**
 * Like `normalizeVietnamesePhone`, but only for a Vietnamese mobile number: the sign-in code
 * goes by SMS, so a landline or a number no operator hands out (`1111 111 111`, which the
 * smaller metadata lets through) would only leave the resident waiting for a text that never
 * comes. The mobile metadata of libphonenumber-js knows the operators' prefixes. A module of
 * its own: only the kiosk's sign-in needs it, and the kiosk renderer loads it with the phone screen.
 */
export function normalizeVietnameseMobile(input: string): string | null {
  const e164 = normalizeVietnamesePhone(input);
  if (e164 === null) return null;
  const parsed = parsePhoneNumberFromString(e164, mobileMetadata);
  return parsed !== undefined && parsed.country === 'VN' && parsed.isValid() ? parsed.number : null;
}
