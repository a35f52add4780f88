import type { Locale } from './domain';

/** Formats an integer VND amount: `1.234.567 ₫` (vi) or `1,234,567 ₫` (en). */
export function formatVnd(amount: number, locale: Locale): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`VND amounts are integers, got ${amount}`);
  const digits = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',');
  return `${amount < 0 ? '-' : ''}${digits} ₫`;
}

export function sumVnd(amounts: readonly number[]): number {
  return amounts.reduce((a, b) => a + b, 0);
}
