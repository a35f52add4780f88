import { parsePhoneNumberFromString as parseWithMobileMetadata } from 'libphonenumber-js/mobile';
import { normalizeVietnamesePhone } from './phone';

/**
 * Like `normalizeVietnamesePhone`, but only for a Vietnamese mobile number: the sign-in code
 * goes by SMS, so a landline or a number no operator hands out (`1111 111 111`, which the
 * smaller metadata lets through) would only leave the resident waiting for a text that never
 * comes. The mobile metadata of libphonenumber-js knows the operators' prefixes. A module of
 * its own because that metadata is large: the kiosk renderer loads it only on the phone screen.
 */
export function normalizeVietnameseMobile(input: string): string | null {
  const e164 = normalizeVietnamesePhone(input);
  if (e164 === null) return null;
  const parsed = parseWithMobileMetadata(e164);
  return parsed !== undefined && parsed.country === 'VN' && parsed.isValid() ? parsed.number : null;
}
