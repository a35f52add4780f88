import { describe, expect, it } from 'vitest';
import { isValidAddress, isValidName, maskAddress, maskEmail, maskName, maskPhoneLocal, normalizeEmail, tidyText } from '../../../shared/profile';

describe('profile masking', () => {
  it('shows the start and the last three digits of a phone, in the local form', () => {
    expect(maskPhoneLocal('+84901234567')).toBe('09•• ••• 567');
    expect(maskPhoneLocal('+84912345678')).not.toContain('12345');
  });

  it('keeps the first letter and the domain of an email, the initials of a name, the first word of an address', () => {
    expect(maskEmail('nguyen.mai@gmail.com')).toBe('n•••@gmail.com');
    expect(maskEmail('not-an-email')).toBe('•••');
    expect(maskName('  Nguyễn   Thị Mai ')).toBe('N. T. M.');
    expect(maskName('Đặng Văn Ánh')).toBe('Đ. V. Á.');
    expect(maskAddress('12 Nguyễn Huệ, Quận 1')).toBe('12 ••••••');
  });
});

describe('profile input rules', () => {
  it('takes a name of letters with Vietnamese marks, spaces, dots, hyphens and apostrophes', () => {
    expect(isValidName('Nguyễn Thị Mai')).toBe(true);
    expect(isValidName("O'Brien-Lê")).toBe(true);
    expect(isValidName('An 2')).toBe(false);
    expect(isValidName('A')).toBe(false);
    expect(isValidName('x'.repeat(101))).toBe(false);
    expect(isValidName('<script>')).toBe(false);
  });

  it('takes an address of 5 to 300 printable characters', () => {
    expect(isValidAddress('12 Lê Lợi, Quận 1, TP.HCM')).toBe(true);
    expect(isValidAddress('1 A')).toBe(false);
    expect(isValidAddress(`12 Lê Lợi\u0007`)).toBe(false);
    expect(isValidAddress('x'.repeat(301))).toBe(false);
  });

  it('normalizes an email to lower case and refuses what cannot be one', () => {
    expect(normalizeEmail('  Mai.Nguyen@Example.VN ')).toBe('mai.nguyen@example.vn');
    for (const bad of ['mai', 'mai@', 'mai@gmail', 'm ai@gmail.com', '@gmail.com', 'mai..x@gmail.com', `${'a'.repeat(250)}@x.vn`]) expect(normalizeEmail(bad), bad).toBeNull();
  });

  it('collapses what a touchscreen typist leaves between words', () => {
    expect(tidyText('  Trần \t Văn   Bình ')).toBe('Trần Văn Bình');
  });
});
