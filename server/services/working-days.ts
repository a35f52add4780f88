/**
 * Working days in Vietnam for the law's deadlines: not Saturday or Sunday, and not a public
 * holiday or declared day off of the hub's holiday calendar (table `holidays`, migration 0010);
 * a weekend day the calendar declares a working day (ngày làm bù) counts.
 *
 * The calendar is read on every call, not cached: an operator's amendment, made on any hub
 * instance sharing the database, changes the next answer. A deadline reads a few dozen rows.
 */
import type { HubDb } from '../db/connect';
import { getHoliday, listHolidays } from '../db/holidays';
import type { HolidayKind, HolidayRow } from '../db/holidays';
import { assertNever } from '../../shared/assert-never';
import { vietnamDate } from '../../shared/dates';

export type WorkingDays = {
  /**
   * The end (23:59:59.999 in Asia/Ho_Chi_Minh) of the `n`-th working day after the Vietnam
   * calendar day of `from`: received on a Friday, 2 working days is the end of Tuesday.
   */
  endOfWorkingDaysAfter(from: Date, n: number): Promise<Date>;
  /** Whether a Vietnam calendar date (`YYYY-MM-DD`) is a working day. */
  isWorkingDay(localDate: string): Promise<boolean>;
};

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
/** Calendar days read per query: the longest break (Tết with weekends) is well under this. */
const WINDOW_DAYS = 45;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `localDate` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(localDate: string): boolean {
  if (!LOCAL_DATE.test(localDate)) return false;
  const d = new Date(`${localDate}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === localDate;
}

export function addDays(localDate: string, days: number): string {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(localDate: string): boolean {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The rule, given what the calendar says about the day (nothing, or its kind). */
export function isWorkingDayBy(localDate: string, kind: HolidayKind | undefined): boolean {
  if (kind === undefined) return !isWeekend(localDate);
  switch (kind) {
    case 'public_holiday':
    case 'compensatory_day_off':
      return false;
    case 'declared_working_day':
      return true;
    default:
      return assertNever(kind, 'holiday kind');
  }
}

/** The instant a Vietnam calendar day ends: 23:59:59.999 there, 16:59:59.999Z. */
export function endOfVietnamDay(localDate: string): Date {
  return new Date(Date.parse(`${addDays(localDate, 1)}T00:00:00Z`) - VIETNAM_OFFSET_MS - 1);
}

export function createWorkingDays(deps: { db: HubDb }): WorkingDays {
  const { db } = deps;
  return {
    async isWorkingDay(localDate) {
      if (!isLocalDate(localDate)) throw new RangeError('isWorkingDay expects a YYYY-MM-DD date');
      return isWorkingDayBy(localDate, (await getHoliday(db, localDate))?.kind);
    },
    async endOfWorkingDaysAfter(from, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError('endOfWorkingDaysAfter expects a whole number of days, 0 or more');
      let day = vietnamDate(from);
      let left = n;
      while (left > 0) {
        const windowStart = addDays(day, 1);
        const windowEnd = addDays(day, WINDOW_DAYS);
        const rows: HolidayRow[] = await listHolidays(db, windowStart, windowEnd);
        const kinds = new Map(rows.map((r) => [r.local_date, r.kind]));
        while (left > 0 && day < windowEnd) {
          day = addDays(day, 1);
          if (isWorkingDayBy(day, kinds.get(day))) left--;
        }
      }
      return endOfVietnamDay(day);
    },
  };
}
