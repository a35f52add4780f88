import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KiotError } from '../../../../shared/result';
import { createPasswordService, loadCommonPasswords, MIN_PASSWORD_LENGTH } from '../../../../server/services/passwords';

const common = loadCommonPasswords();
const passwords = createPasswordService({ random: (n) => randomBytes(n), commonPasswords: common });

describe('staff password rules', () => {
  it('ships a list of a few hundred common passwords, Vietnamese ones included', () => {
    expect(common.size).toBeGreaterThan(300);
    for (const p of ['matkhau123', 'anhyeuem', '123456789', 'emyeuanh1234', 'password123456']) expect(common.has(p), p).toBe(true);
  });

  it.each([
    ['short', 'Ngắn 1234', 'too_short'],
    // 11 letters with diacritics are 11 characters, whatever their UTF-16 length.
    ['eleven characters with diacritics', 'Đường Hồ Gư', 'too_short'],
    ['on the list', 'matkhau123456', 'common'],
    ['on the list in other case', 'AnhYeuEm1234', 'common'],
    ['a long number sequence', '123456789012', 'common'],
    ['containing the username', 'lan.pham-2026-an-toan', 'contains_username'],
    ['containing the username in capitals', 'Mật khẩu của LAN.PHAM', 'contains_username'],
    ['too long', 'x'.repeat(257), 'too_long'],
  ] as const)('refuses a password %s', (_label, password, problem) => {
    expect(passwords.problem(password, 'lan.pham')).toBe(problem);
    expect(() => passwords.assertAcceptable(password, 'lan.pham')).toThrow(KiotError);
    try {
      passwords.assertAcceptable(password, 'lan.pham');
    } catch (err) {
      expect((err as KiotError).code).toBe('password_weak');
    }
  });

  it('accepts a long passphrase of its own', () => {
    expect(passwords.problem('Hoa sen nở giữa hồ Gươm', 'lan.pham')).toBeNull();
    expect(passwords.problem('x'.repeat(MIN_PASSWORD_LENGTH - 1) + 'y', 'lan.pham')).toBeNull();
  });

  it('hashes with argon2id and verifies only the same password (composed or not)', async () => {
    const hash = await passwords.hash('Hoa sen nở giữa hồ Gươm');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await passwords.verify(hash, 'Hoa sen nở giữa hồ Gươm')).toBe(true);
    // The same text typed with combining accents (another keyboard) is the same password.
    expect(await passwords.verify(hash, 'Hoa sen nở giữa hồ Gươm'.normalize('NFD'))).toBe(true);
    expect(await passwords.verify(hash, 'Hoa sen no giua ho Guom')).toBe(false);
    expect(await passwords.verify('not a hash', 'anything')).toBe(false);
  });

  it('makes one-time passwords that meet the rules and differ each time', () => {
    const made = new Set(Array.from({ length: 50 }, () => passwords.newOneTimePassword()));
    expect(made.size).toBe(50);
    for (const p of made) {
      expect(p).toMatch(/^[a-zA-Z2-9]{16}$/);
      expect(passwords.problem(p, 'lan.pham')).toBeNull();
    }
  });
});
