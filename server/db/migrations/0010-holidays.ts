import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { holidaySeed } from '../../holidays-seed';
import type { HolidayTables } from '../holidays';
import type { Migration } from '../migration';

/** When the seeded calendar was written: the rows' timestamps, the same on every hub. */
const SEEDED_AT = '2026-11-25T00:00:00.000Z';

export const migration0010: Migration = {
  version: 10,
  name: 'holidays',
  async up(db, t) {
    // One row per Vietnam calendar date: a day is either off (holiday, compensatory day off)
    // or a declared working weekend day, never both. Weekdays and weekends without a row
    // follow the usual rule, so the table only holds exceptions.
    await db.schema
      .createTable('holidays')
      .addColumn('local_date', t.date, (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name_vi', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('holidays_kind_known', sql`kind in ('public_holiday', 'compensatory_day_off', 'declared_working_day')`)
      .addCheckConstraint('holidays_source_known', sql`source in ('seed', 'operator')`)
      .addCheckConstraint('holidays_names_present', sql`length(name_vi) > 0 and length(name_en) > 0`)
      .execute();

    const typed = db as unknown as Kysely<HolidayTables>;
    await typed
      .insertInto('holidays')
      .values(holidaySeed.map((h) => ({ local_date: h.localDate, kind: h.kind, name_vi: h.nameVi, name_en: h.nameEn, source: 'seed' as const, created_at: SEEDED_AT, updated_at: SEEDED_AT })))
      .execute();
  },
};
