import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeVietnamesePhone } from '../../../shared/phone';

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0987.654.321', '+84987654321'],
    ['0321234567', '+84321234567'],
  ])('turns %s into E.164', (input, expected) => {
    expect(normalizeVietnamesePhone(input)).toBe(expected);
  });

  it.each(['', '012', 'abc', '+1 415 555 0100', '09123456789012', '0000000000', '+84'])('rejects %j', (input) => {
    expect(normalizeVietnamesePhone(input)).toBeNull();
  });
});

describe('maskPhone', () => {
  it('shows only the country code and the last three digits', () => {
    expect(maskPhone('+84912345678')).toBe('+84 *** *** 678');
  });
});
