import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0005: Migration = {
  version: 5,
  name: 'sync',
  async up(db, t) {
    // One row per building: the last change number handed out. Writers take the next number
    // by updating this row, which holds its lock until they commit (see db/sync-changes.ts).
    await db.schema
      .createTable('sync_heads')
      .addColumn('building_id', 'text', (c) => c.primaryKey().references('buildings.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      // Changes if the sequence ever starts again, so old cursors are refused, not misread.
      .addColumn('epoch', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('sync_heads_seq_non_negative', sql`seq >= 0`)
      .execute();

    // The change log that incremental pulls read, in seq order.
    await db.schema
      .createTable('sync_changes')
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      // JSON text, the same on both dialects; null is a tombstone.
      .addColumn('data', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_changes_pk', ['building_id', 'seq'])
      .addCheckConstraint('sync_changes_seq_positive', sql`seq > 0`)
      .addCheckConstraint(
        'sync_changes_type_known',
        sql`type in ('announcement', 'building_settings', 'service_catalogue', 'policy_version', 'resident_erased')`,
      )
      .execute();

    // The latest change of every entity: what a snapshot reads, without scanning the log.
    await db.schema
      .createTable('sync_entities')
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text')
      .addPrimaryKeyConstraint('sync_entities_pk', ['building_id', 'type', 'entity_id'])
      .execute();
    await db.schema.createIndex('sync_entities_seq_idx').on('sync_entities').columns(['building_id', 'seq']).execute();

    // The idempotency record of every pushed operation, written in the transaction of its effect.
    await db.schema
      .createTable('sync_operations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      // No foreign key: the record must outlive the session (and an unknown id is recorded as rejected).
      .addColumn('session_id', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('received_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('sync_operations_status_known', sql`status in ('applied', 'rejected')`)
      .addCheckConstraint('sync_operations_rejection_has_error', sql`(status = 'rejected') = (error_code is not null)`)
      .execute();
    await db.schema.createIndex('sync_operations_device_idx').on('sync_operations').columns(['device_id', 'received_at']).execute();

    // The latest heartbeat of each device, for the fleet view.
    await db.schema
      .createTable('device_heartbeats')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
      .addColumn('last_seen_at', t.instant, (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('uptime_seconds', 'bigint', (c) => c.notNull())
      .addColumn('outbox_depth', 'bigint', (c) => c.notNull())
      .addColumn('oldest_pending_seconds', 'bigint')
      .addColumn('last_sync_at', t.instant)
      .addColumn('last_error', 'text')
      .addCheckConstraint('device_heartbeats_counts_non_negative', sql`uptime_seconds >= 0 and outbox_depth >= 0 and (oldest_pending_seconds is null or oldest_pending_seconds >= 0)`)
      .execute();
  },
};
