import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0008: Migration = {
  version: 8,
  name: 'profile-changes',
  async up(db, t) {
    // Where the resident wants post sent, when it is not their flat (a family home, an office).
    await db.schema.alterTable('residents').addColumn('contact_address', 'text').execute();

    // A phone or email change a resident started at a kiosk. Codes are kept only as HMACs
    // bound to the change and its target, like login codes.
    await db.schema
      .createTable('contact_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // The new E.164 number or lower-cased email; null when the email is removed.
      .addColumn('new_value', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      // Null when no code went to the current number (email changes, or a lost phone).
      .addColumn('old_code_hmac', 'text')
      .addColumn('old_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('old_verified_at', t.instant)
      .addColumn('new_code_hmac', 'text')
      .addColumn('new_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('new_verified_at', t.instant)
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('codes_sent_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('closed_at', t.instant)
      // The staff member who approved or rejected a change the resident could not prove with the old phone.
      .addColumn('decided_by', 'text')
      .addColumn('reason', 'text')
      .addCheckConstraint('contact_changes_kind_known', sql`kind in ('phone', 'email')`)
      .addCheckConstraint(
        'contact_changes_status_known',
        sql`status in ('pending', 'awaiting_review', 'done', 'rejected', 'expired', 'failed', 'replaced', 'refused')`,
      )
      .addCheckConstraint('contact_changes_attempts_range', sql`old_attempts >= 0 and new_attempts >= 0`)
      .execute();
    await db.schema.createIndex('contact_changes_resident_idx').on('contact_changes').columns(['resident_id', 'created_at']).execute();
    await db.schema.createIndex('contact_changes_status_idx').on('contact_changes').columns(['status', 'created_at']).execute();

    // A name or contact-address correction: the management approves it (names are on contracts).
    await db.schema
      .createTable('correction_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', t.instant)
      // The kiosk it was made at; null when it came from elsewhere.
      .addColumn('device_id', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('correction_requests_field_known', sql`field in ('name', 'address')`)
      .addCheckConstraint('correction_requests_status_known', sql`status in ('received', 'approved', 'rejected')`)
      .addCheckConstraint('correction_requests_decision_complete', sql`(status = 'received') = (decided_at is null)`)
      .execute();
    await db.schema.createIndex('correction_requests_resident_idx').on('correction_requests').columns(['resident_id', 'created_at']).execute();
    await db.schema.createIndex('correction_requests_status_idx').on('correction_requests').columns(['status', 'created_at']).execute();
  },
};
