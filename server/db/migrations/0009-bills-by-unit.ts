import { sql } from 'kysely';
import { dialectOf } from '../connect';
import type { Migration } from '../migration';

export const migration0009: Migration = {
  version: 9,
  name: 'bills-by-unit',
  async up(db) {
    // A resident's bill list (GET /v1/me/bills, the kiosk's busiest read) is answered from
    // this index alone, already in order: no row lookups in the table and no sort. The
    // narrower bills_unit_month_idx of 0002 is then redundant.
    await db.schema
      .createIndex('bills_unit_list_idx')
      .on('bills')
      .columns(['unit_id', 'month desc', 'id', 'service', 'amount_vnd', 'due_date', 'status', 'paid_at', 'meter_unit', 'previous_reading', 'current_reading'])
      .execute();
    await db.schema.dropIndex('bills_unit_month_idx').execute();

    // Changes whenever any bill of the unit is written, by any hub or any tool: a hub may
    // keep a unit's list in memory for as long as this number has not moved.
    await db.schema.alterTable('units').addColumn('bills_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    if (dialectOf(db) === 'postgres') {
      // Statement-level with transition tables: a bulk insert of a building's month bumps
      // each unit once, not once per row.
      await sql`
        create function kiot_bump_bills_version() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then
            update units set bills_version = bills_version + 1 where id in (select unit_id from new_rows);
          elsif tg_op = 'DELETE' then
            update units set bills_version = bills_version + 1 where id in (select unit_id from old_rows);
          else
            update units set bills_version = bills_version + 1 where id in (select unit_id from old_rows union select unit_id from new_rows);
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger bills_version_insert after insert on bills referencing new table as new_rows for each statement execute function kiot_bump_bills_version()`.execute(db);
      await sql`create trigger bills_version_update after update on bills referencing old table as old_rows new table as new_rows for each statement execute function kiot_bump_bills_version()`.execute(db);
      await sql`create trigger bills_version_delete after delete on bills referencing old table as old_rows for each statement execute function kiot_bump_bills_version()`.execute(db);
    } else {
      await sql`create trigger bills_version_insert after insert on bills begin update units set bills_version = bills_version + 1 where id = new.unit_id; end`.execute(db);
      await sql`create trigger bills_version_update after update on bills begin update units set bills_version = bills_version + 1 where id in (old.unit_id, new.unit_id); end`.execute(db);
      await sql`create trigger bills_version_delete after delete on bills begin update units set bills_version = bills_version + 1 where id = old.unit_id; end`.execute(db);
    }
  },
};
