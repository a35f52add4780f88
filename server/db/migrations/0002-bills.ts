import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0002: Migration = {
  version: 2,
  name: 'bills',
  async up(db, t) {
    await db.schema
      .createTable('bills')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('service', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      // bigint: a building's yearly totals overflow int4 long before a single bill does.
      .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
      .addColumn('due_date', t.date, (c) => c.notNull())
      // Only what is stored; `overdue` is derived from the due date at read time.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('paid_at', t.instant)
      .addColumn('meter_unit', 'text')
      .addColumn('previous_reading', 'integer')
      .addColumn('current_reading', 'integer')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('bills_amount_non_negative', sql`amount_vnd >= 0`)
      .addCheckConstraint('bills_status_known', sql`status in ('unpaid', 'paid')`)
      .addCheckConstraint('bills_paid_has_time', sql`(status = 'paid') = (paid_at is not null)`)
      .execute();
    await db.schema.createIndex('bills_unit_month_idx').on('bills').columns(['unit_id', 'month']).execute();
  },
};
