/** The twelve months of one metered service up to a bill's month, from the resident's bills. */
import type { Bill } from '../../shared/domain';

export type MonthUse = { month: string; quantity: number | null };

export const HISTORY_MONTHS = 12;

/** `2026-01` minus one month is `2025-12`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Oldest first, ending with `bill`'s month; a month without a bill of that service (or without
 * a meter reading) is `null`, drawn as a gap rather than a zero that was never measured.
 */
export function consumptionHistory(bill: Bill, bills: readonly Bill[]): MonthUse[] {
  const byMonth = new Map<string, number>();
  for (const b of bills) {
    if (b.service === bill.service && b.consumption !== null && b.unitLabel === bill.unitLabel) byMonth.set(b.month, b.consumption.quantity);
  }
  if (bill.consumption !== null) byMonth.set(bill.month, bill.consumption.quantity);
  const months: string[] = [bill.month];
  while (months.length < HISTORY_MONTHS) months.unshift(previousMonth(months[0] ?? bill.month));
  return months.map((month) => ({ month, quantity: byMonth.get(month) ?? null }));
}

export type Change = { kind: 'more' | 'less'; percent: number } | { kind: 'same' } | { kind: 'unknown' };

/** This month against the one before, in whole percent; unknown without a reading last month (or a zero one). */
export function monthOverMonth(history: readonly MonthUse[]): Change {
  const current = history.at(-1)?.quantity ?? null;
  const previous = history.at(-2)?.quantity ?? null;
  if (current === null || previous === null || previous === 0) return { kind: 'unknown' };
  const percent = Math.round((Math.abs(current - previous) / previous) * 100);
  if (percent === 0) return { kind: 'same' };
  return { kind: current > previous ? 'more' : 'less', percent };
}
