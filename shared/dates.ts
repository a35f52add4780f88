import type { Locale } from './domain';

export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000; // Vietnam has no daylight saving time.

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-03-15` → `15/03/2026` (vi and en alike: residents read day-first dates). */
export function formatLocalDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** `2026-03` → `Tháng 3/2026` or `March 2026`. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (locale === 'vi') return `Tháng ${m}/${y}`;
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[m - 1]} ${y}`;
}

/** The time of day in Vietnam of an instant, `09:35`. */
export function vietnamTime(iso: string): string {
  return new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(11, 16);
}

/** The day of the week in Vietnam of an instant: 0 Sunday … 6 Saturday. */
export function vietnamWeekday(iso: string): number {
  return new Date(new Date(iso).getTime() + VIETNAM_OFFSET_MS).getUTCDay();
}

/** Shows an instant as Vietnamese local date and time, `25/11/2026 09:35`. */
export function formatInstant(iso: string): string {
  return `${formatLocalDate(vietnamDate(new Date(iso)))} ${vietnamTime(iso)}`;
}
