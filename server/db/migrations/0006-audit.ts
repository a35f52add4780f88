import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0006: Migration = {
  version: 6,
  name: 'audit',
  async up(db, t) {
    // The people who work in the console. Only what the audit trail needs to name them; the
    // manager-console issue adds the sign-in columns. A null building is operator-wide staff.
    await db.schema
      .createTable('staff_members')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('staff_members_role_known', sql`role in ('manager', 'care', 'admin')`)
      .execute();

    // One row per building's chain: the last seq and hash. A writer updates it first, which
    // locks it until the writer commits, so two hubs on PostgreSQL never fork the chain.
    await db.schema
      .createTable('audit_heads')
      .addColumn('building_id', 'text', (c) => c.primaryKey().references('buildings.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('audit_heads_seq_non_negative', sql`seq >= 0`)
      .execute();

    // The events. No foreign key to residents or staff on purpose: an erased resident's or a
    // departed staff member's events must stay, unchanged, or the chain would break.
    await db.schema
      .createTable('audit_events')
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('resident_id', 'text')
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      // The staff member's role and name as they were at the time, so a later rename or
      // promotion does not rewrite history.
      .addColumn('actor_role', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      // Canonical JSON text (sorted keys), hashed exactly as stored.
      .addColumn('detail', 'text')
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_events_pk', ['building_id', 'seq'])
      .addCheckConstraint('audit_events_seq_positive', sql`seq > 0`)
      .addCheckConstraint('audit_events_actor_kind_known', sql`actor_kind in ('staff', 'system', 'resident')`)
      .execute();
    await db.schema.createIndex('audit_events_resident_idx').on('audit_events').columns(['resident_id', 'at']).execute();
  },
};
