import { describe, expect, it } from 'vitest';
import { formatVnd, sumVnd } from '../../../shared/money';
import { formatInstant, formatLocalDate, formatMonth, vietnamDate } from '../../../shared/dates';

describe('formatVnd', () => {
  it('groups thousands the Vietnamese way and the English way', () => {
    expect(formatVnd(1_234_567, 'vi')).toBe('1.234.567 ₫');
    expect(formatVnd(1_234_567, 'en')).toBe('1,234,567 ₫');
    expect(formatVnd(0, 'vi')).toBe('0 ₫');
    expect(formatVnd(999, 'vi')).toBe('999 ₫');
  });

  it('refuses fractional amounts: VND has no subunit', () => {
    expect(() => formatVnd(10.5, 'vi')).toThrow(RangeError);
  });

  it('adds integer amounts', () => {
    expect(sumVnd([100_000, 250_500, 1])).toBe(350_501);
  });
});

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('takes the Vietnamese calendar day of a UTC instant', () => {
    expect(vietnamDate(new Date('2026-03-14T16:59:59Z'))).toBe('2026-03-14');
    expect(vietnamDate(new Date('2026-03-14T17:00:00Z'))).toBe('2026-03-15');
  });

  it('shows dates day first and months in the reader’s language', () => {
    expect(formatLocalDate('2026-03-05')).toBe('05/03/2026');
    expect(formatMonth('2026-03', 'vi')).toBe('Tháng 3/2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatInstant('2026-11-25T02:35:00.000Z')).toBe('25/11/2026 09:35');
  });
});
