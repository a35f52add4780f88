/**
 * Payment codes: `KT` + 8 characters drawn uniformly from PAYMENT_CODE_ALPHABET with the
 * hub's CSPRNG (31⁸ ≈ 8.5 × 10¹¹ codes), so a code says nothing about who pays or for what.
 */
import { PAYMENT_CODE_ALPHABET, PAYMENT_CODE_PREFIX } from '../../shared/payments';
import type { RandomBytes } from '../ids';

export const PAYMENT_CODE_RANDOM_CHARS = 8;
// The largest multiple of the alphabet's size that fits a byte: bytes at or above it are
// drawn again, so every character is equally likely (no modulo bias).
const LIMIT = Math.floor(256 / PAYMENT_CODE_ALPHABET.length) * PAYMENT_CODE_ALPHABET.length;

export function newPaymentCode(random: RandomBytes): string {
  let code = PAYMENT_CODE_PREFIX;
  while (code.length < PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_RANDOM_CHARS) {
    for (const byte of random(16)) {
      if (byte >= LIMIT) continue;
      code += PAYMENT_CODE_ALPHABET[byte % PAYMENT_CODE_ALPHABET.length];
      if (code.length === PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_RANDOM_CHARS) break;
    }
  }
  return code;
}

const codePattern = new RegExp(`${PAYMENT_CODE_PREFIX}[${PAYMENT_CODE_ALPHABET}]{${PAYMENT_CODE_RANDOM_CHARS}}`, 'g');

/**
 * Every payment-code-shaped run in a normalized transfer content, in order of appearance
 * (overlapping ones too: a content like `KTKT7QX2…` still yields the real code).
 */
export function paymentCodeCandidates(normalizedContent: string): string[] {
  const found: string[] = [];
  for (let i = normalizedContent.indexOf(PAYMENT_CODE_PREFIX); i >= 0; i = normalizedContent.indexOf(PAYMENT_CODE_PREFIX, i + 1)) {
    const slice = normalizedContent.slice(i, i + PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_RANDOM_CHARS);
    codePattern.lastIndex = 0;
    if (slice.length === PAYMENT_CODE_PREFIX.length + PAYMENT_CODE_RANDOM_CHARS && codePattern.test(slice) && !found.includes(slice)) found.push(slice);
  }
  return found;
}
