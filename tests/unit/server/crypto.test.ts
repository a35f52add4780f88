import { describe, expect, it } from 'vitest';
import { digestsEqual, hmacSha256Base64url, newEnrollmentCode, newSecret, randomBelow, sha256Base64url } from '../../../server/crypto';
import type { RandomBytes } from '../../../server/ids';

/** A `random` that hands out the given 32-bit values in order, and counts the draws. */
function draws(...values: number[]): RandomBytes & { used: () => number } {
  let used = 0;
  const random = (n: number): Buffer => {
    const value = values[used];
    if (n !== 4 || value === undefined) throw new Error(`unexpected draw ${used} of ${n} bytes`);
    used += 1;
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(value, 0);
    return buf;
  };
  return Object.assign(random, { used: () => used });
}

describe('digestsEqual', () => {
  // Computed inside each test, so that a broken digest fails a test rather than the file.
  const secretDigest = (): string => sha256Base64url('secret');

  it('refuses digests of different lengths without throwing', () => {
    const digest = secretDigest();
    // A malformed presented token must be a refusal, never a timingSafeEqual RangeError (a 500).
    expect(digestsEqual(digest, digest.slice(0, 20))).toBe(false);
    expect(digestsEqual(digest.slice(0, 20), digest)).toBe(false);
    expect(digestsEqual(`${digest}AAAA`, digest)).toBe(false);
  });

  it('never calls two empty digests equal', () => {
    expect(digestsEqual('', '')).toBe(false);
    // Characters outside base64url decode to nothing: still empty, still refused.
    expect(digestsEqual('!!', '**')).toBe(false);
  });

  it('accepts the same digest and refuses a one-character change', () => {
    const digest = secretDigest();
    expect(digestsEqual(digest, digest)).toBe(true);
    const changed = `${digest.slice(0, -2)}${digest.at(-2) === 'A' ? 'B' : 'A'}${digest.slice(-1)}`;
    expect(digestsEqual(digest, changed)).toBe(false);
  });
});

describe('randomBelow', () => {
  it.each([0, -1, 1.5, Number.NaN, 0x1_0000_0001])('refuses max = %s with a RangeError, before drawing', (max) => {
    const random = draws(0);
    expect(() => randomBelow(random, max)).toThrow(RangeError);
    expect(random.used()).toBe(0);
  });

  it('accepts max = 1 and max = 2^32, the ends of the range', () => {
    expect(randomBelow(draws(0xffff_ffff), 1)).toBe(0);
    expect(randomBelow(draws(0xffff_ffff), 0x1_0000_0000)).toBe(0xffff_ffff);
  });

  it('rejects a draw equal to the limit and uses the next one', () => {
    // max = 3: limit = floor(2^32 / 3) * 3 = 4294967295 = 0xffffffff. A draw of exactly the
    // limit lies in the biased tail (it would give 0 once more than 1 or 2) and is redrawn.
    const random = draws(0xffff_ffff, 7);
    expect(randomBelow(random, 3)).toBe(1);
    expect(random.used()).toBe(2);
  });

  it('keeps a draw just below the limit', () => {
    const random = draws(0xffff_fffe);
    expect(randomBelow(random, 3)).toBe(0xffff_fffe % 3);
    expect(random.used()).toBe(1);
  });
});

describe('newEnrollmentCode', () => {
  it('maps each draw onto the Crockford alphabet, in order', () => {
    const values = Array.from({ length: 16 }, (_, i) => (i * 2 + 1) % 32);
    expect(newEnrollmentCode(draws(...values))).toBe('1357-9BDF-HKNQ-SVXZ');
  });
});

describe('digests and secrets', () => {
  const b64url = (hex: string): string => Buffer.from(hex, 'hex').toString('base64url');

  it('sha256Base64url is SHA-256 in base64url (FIPS 180-2 "abc")', () => {
    expect(sha256Base64url('abc')).toBe(b64url('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));
  });

  it('hmacSha256Base64url is HMAC-SHA-256 in base64url (RFC 4231 test case 1)', () => {
    expect(hmacSha256Base64url(Buffer.alloc(20, 0x0b), 'Hi There')).toBe(b64url('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'));
  });

  it('newSecret is 32 random bytes in base64url', () => {
    const sizes: number[] = [];
    const secret = newSecret((n) => {
      sizes.push(n);
      return Buffer.alloc(n, 0xff);
    });
    expect(sizes).toEqual([32]);
    expect(secret).toBe(Buffer.alloc(32, 0xff).toString('base64url'));
    expect(secret).toHaveLength(43);
  });
});
