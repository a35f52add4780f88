/** Hashing and secret-generation helpers shared by the hub's services. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RandomBytes } from './ids';

export function sha256Base64url(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

export function hmacSha256Base64url(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

/** Constant-time equality of two base64url digests (lengths are public: both are SHA-256). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'base64url');
  const right = Buffer.from(b, 'base64url');
  if (left.length !== right.length || left.length === 0) return false;
  return timingSafeEqual(left, right);
}

/** A bearer secret: 32 random bytes, base64url (43 characters). */
export function newSecret(random: RandomBytes): string {
  return random(32).toString('base64url');
}

/**
 * A uniformly distributed integer in [0, max) from the injected CSPRNG. Rejection
 * sampling, because `uint32 % max` favours small values whenever max does not divide 2^32.
 */
export function randomBelow(random: RandomBytes, max: number): number {
  if (!Number.isInteger(max) || max <= 0 || max > 0x1_0000_0000) throw new RangeError(`bad max ${max}`);
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  for (;;) {
    const value = random(4).readUInt32BE(0);
    if (value < limit) return value % max;
  }
}

/** Six decimal digits, leading zeros kept. */
export function newOtpCode(random: RandomBytes): string {
  return randomBelow(random, 1_000_000).toString().padStart(6, '0');
}

// Crockford base32: no I, L, O, U, so a code read aloud or copied by hand survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `7K3M-Q9XZ-4T2B-HW8D`: 80 random bits, typeable by IT on a touchscreen. */
export function newEnrollmentCode(random: RandomBytes): string {
  const chars: string[] = [];
  for (let i = 0; i < 16; i += 1) chars.push(CROCKFORD[randomBelow(random, 32)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Undoes what people do to codes: case, spaces, dashes, and Crockford's look-alikes. */
export function normalizeEnrollmentCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
