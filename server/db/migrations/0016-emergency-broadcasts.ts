import { sql } from 'kysely';
import { dialectOf } from '../connect';
import type { Migration } from '../migration';

const KNOWN = sql`type in ('announcement', 'building_settings', 'service_catalogue', 'policy_version', 'resident_erased', 'emergency_broadcast')`;

/**
 * Emergency broadcasts travel on the change feed as the `emergency_broadcast` type: the
 * feed's list of known types gains it. SQLite cannot alter a CHECK constraint, so there the
 * change log is copied into a table declared with the new list.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'emergency-broadcasts',
  async up(db, t) {
    if (dialectOf(db) === 'postgres') {
      await sql`alter table sync_changes drop constraint sync_changes_type_known`.execute(db);
      await sql`alter table sync_changes add constraint sync_changes_type_known check (${KNOWN})`.execute(db);
      return;
    }
    await db.schema
      .createTable('sync_changes_0016')
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_changes_pk', ['building_id', 'seq'])
      .addCheckConstraint('sync_changes_seq_positive', sql`seq > 0`)
      .addCheckConstraint('sync_changes_type_known', KNOWN)
      .execute();
    await sql`insert into sync_changes_0016 (building_id, seq, type, entity_id, data, created_at) select building_id, seq, type, entity_id, data, created_at from sync_changes`.execute(db);
    await db.schema.dropTable('sync_changes').execute();
    await sql`alter table sync_changes_0016 rename to sync_changes`.execute(db);
  },
};
