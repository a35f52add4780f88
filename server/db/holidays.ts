/** The holiday calendar (migration 0010): the days the law's working-day deadlines skip or count. */
import type { Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

/**
 * `public_holiday` and `compensatory_day_off` are days off even on a weekday;
 * `declared_working_day` (ngày làm bù) makes a Saturday or Sunday a working day.
 */
export type HolidayKind = 'public_holiday' | 'compensatory_day_off' | 'declared_working_day';
export const holidayKinds: readonly HolidayKind[] = ['public_holiday', 'compensatory_day_off', 'declared_working_day'];

/** `seed`: written by a migration; `operator`: added or changed by an operator since. */
export type HolidaySource = 'seed' | 'operator';

export type HolidayRow = {
  /** Vietnam calendar date, `YYYY-MM-DD`. */
  local_date: string;
  kind: HolidayKind;
  name_vi: string;
  name_en: string;
  source: HolidaySource;
  created_at: string;
  updated_at: string;
};

export type HolidayTables = { holidays: HolidayRow };
type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & HolidayTables> {
  return db.withTables<HolidayTables>();
}

/** The calendar's rows from `from` to `to` (both `YYYY-MM-DD`, inclusive), in date order. */
export async function listHolidays(db: Db, from: string, to: string): Promise<HolidayRow[]> {
  return tables(db).selectFrom('holidays').selectAll().where('local_date', '>=', from).where('local_date', '<=', to).orderBy('local_date').execute();
}

export async function listHolidaysOfYear(db: Db, year: number): Promise<HolidayRow[]> {
  return listHolidays(db, `${String(year).padStart(4, '0')}-01-01`, `${String(year).padStart(4, '0')}-12-31`);
}

export async function getHoliday(db: Db, localDate: string): Promise<HolidayRow | undefined> {
  return tables(db).selectFrom('holidays').selectAll().where('local_date', '=', localDate).executeTakeFirst();
}

/** Adds the day, or replaces what the calendar said about it (its first `created_at` is kept). */
export async function upsertHoliday(db: Db, row: HolidayRow): Promise<void> {
  await tables(db)
    .insertInto('holidays')
    .values(row)
    .onConflict((oc) => oc.column('local_date').doUpdateSet({ kind: row.kind, name_vi: row.name_vi, name_en: row.name_en, source: row.source, updated_at: row.updated_at }))
    .execute();
}

/** Whether there was a row to delete. */
export async function deleteHoliday(db: Db, localDate: string): Promise<boolean> {
  const result = await tables(db).deleteFrom('holidays').where('local_date', '=', localDate).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
