import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0007: Migration = {
  version: 7,
  name: 'consents-policy',
  async up(db, t) {
    // The operator's privacy policy, one row per version. The purposes catalogue of a version
    // is kept with it (JSON text): a consent refers to the version it was given under, so
    // what the resident agreed to can always be shown as it was then.
    await db.schema
      .createTable('policy_versions')
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('effective_from', t.date, (c) => c.notNull())
      .addColumn('text_vi', 'text', (c) => c.notNull())
      .addColumn('text_en', 'text', (c) => c.notNull())
      .addColumn('changes_vi', 'text')
      .addColumn('changes_en', 'text')
      .addColumn('purposes', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('policy_versions_version_positive', sql`version > 0`)
      .execute();

    // Every consent change is a new row, never an update: the current choice is the latest
    // row, and the history is the proof of what the resident chose, when and where.
    await db.schema
      .createTable('consent_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('purpose_id', 'text', (c) => c.notNull())
      // 0 or 1, the same on both dialects.
      .addColumn('granted', 'integer', (c) => c.notNull())
      .addColumn('policy_version', 'integer', (c) => c.notNull().references('policy_versions.version'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      // The outbox operation that carried it, when it came through sync.
      .addColumn('operation_id', 'text')
      .addColumn('recorded_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('consent_records_granted_bool', sql`granted in (0, 1)`)
      .addCheckConstraint('consent_records_channel_known', sql`channel in ('kiosk', 'console')`)
      .addCheckConstraint('consent_records_actor_known', sql`actor_kind in ('resident', 'staff')`)
      .execute();
    await db.schema.createIndex('consent_records_resident_idx').on('consent_records').columns(['resident_id', 'purpose_id', 'recorded_at']).execute();

    // Where a resident wants the receipts of their consent changes; absent means SMS.
    await db.schema
      .createTable('consent_receipt_prefs')
      .addColumn('resident_id', 'text', (c) => c.primaryKey().references('residents.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('consent_receipt_prefs_channel_known', sql`channel in ('sms', 'email')`)
      .execute();
  },
};
