import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../../server/ids';
import { newEnrollmentCode, newOtpCode, normalizeEnrollmentCode, randomBelow } from '../../../server/crypto';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('mints UUIDv7 that sort in creation order, even thousands within one millisecond', () => {
    const at = new Date('2026-11-25T02:35:00.000Z');
    const newId = createIdGenerator(() => at, (n) => randomBytes(n));
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(at.getTime().toString(16).padStart(12, '0'));
  });
});

describe('secrets and codes', () => {
  it('draws OTP codes as six digits, keeping leading zeros', () => {
    expect(newOtpCode((n) => Buffer.alloc(n, 0))).toBe('000000');
    for (let i = 0; i < 200; i += 1) expect(newOtpCode((n) => randomBytes(n))).toMatch(/^\d{6}$/);
  });

  it('rejects biased draws instead of taking a modulo', () => {
    // 0xFFFFFFFF lies in the biased tail for max = 1e6; the next draw (5) is used.
    const draws = [Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from([0, 0, 0, 5])];
    expect(randomBelow(() => draws.shift()!, 1_000_000)).toBe(5);
  });

  it('makes enrollment codes that survive case, dashes and look-alike letters', () => {
    const code = newEnrollmentCode((n) => randomBytes(n));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normalizeEnrollmentCode(` ${code.toLowerCase()} `)).toBe(normalizeEnrollmentCode(code));
    expect(normalizeEnrollmentCode('o1il-OOOO')).toBe('01110000');
  });
});
