import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeVietnamesePhone } from '../../../shared/phone';
import { normalizeVietnameseMobile } from '../../../shared/phone-mobile';

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

  it.each(['', '012', 'abc', '+1 415 555 0100', '09123456789012', '0000000000', '+84', '+44 20 7946 0958', '0012025550123', '+65 6123 4567'])('rejects %j', (input) => {
    expect(normalizeVietnamesePhone(input)).toBeNull();
  });

  it('accepts a Vietnamese landline', () => {
    expect(normalizeVietnamesePhone('024 3123 4567')).toBe('+842431234567');
  });
});

describe('normalizeVietnameseMobile', () => {
  it.each([
    ['0912 345 678', '+84912345678'],
    ['+84 987 654 321', '+84987654321'],
    ['0321234567', '+84321234567'],
    ['84 701 234 567', '+84701234567'],
  ])('turns the mobile number %s into E.164', (input, expected) => {
    expect(normalizeVietnameseMobile(input)).toBe(expected);
  });

  // A landline and a number no operator hands out pass normalizeVietnamesePhone but get no SMS.
  it.each(['024 3123 4567', '1111 111 111', '+1 415 555 0100', '+44 7700 900123', '012', ''])('refuses %j', (input) => {
    expect(normalizeVietnameseMobile(input)).toBeNull();
  });

  it('refuses only what the smaller check lets through for being no mobile', () => {
    expect(normalizeVietnamesePhone('1111 111 111')).not.toBeNull();
    expect(normalizeVietnameseMobile('1111 111 111')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('shows only the country code and the last three digits', () => {
    expect(maskPhone('+84912345678')).toBe('+84 *** *** 678');
  });
});
