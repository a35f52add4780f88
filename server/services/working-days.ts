/**
 * Working days in Vietnam for the law's deadlines: not Saturday or Sunday, and not a public
 * holiday or declared day off of the hub's holiday calendar.
 *
 * Scaffolding: weekends only until the holiday calendar (migration 0010) lands; the type is
 * what the requests service relies on.
 */
import type { HubDb } from '../db/connect';

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

function addDays(localDate: string, days: number): string {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function createWorkingDays(_deps: { db: HubDb }): WorkingDays {
  const isWorkingDay = async (localDate: string): Promise<boolean> => {
    const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkingDay,
    async endOfWorkingDaysAfter(from, n) {
      let day = new Date(from.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
      for (let left = n; left > 0; ) {
        day = addDays(day, 1);
        if (await isWorkingDay(day)) left--;
      }
      return new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) - VIETNAM_OFFSET_MS - 1);
    },
  };
}
