import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0004: Migration = {
  version: 4,
  name: 'otp',
  async up(db, t) {
    await db.schema
      .createTable('otp_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone_hmac', 'text', (c) => c.notNull())
      // No foreign key on purpose: a request for an unknown number has no resident, and
      // deleting a resident must not be blocked by their old login attempts.
      .addColumn('resident_id', 'text')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('code_hmac', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('consumed_at', t.instant)
      .addColumn('superseded_at', t.instant)
      .addCheckConstraint('otp_requests_attempts_range', sql`attempts >= 0`)
      .execute();
    await db.schema.createIndex('otp_requests_phone_idx').on('otp_requests').columns(['phone_hmac', 'created_at']).execute();

    // One row per "send a code" that passed the limits, registered number or not, so that
    // the limits (and hence the responses) do not depend on whether the number is known.
    await db.schema
      .createTable('otp_sends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone_hmac', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('otp_sends_phone_idx').on('otp_sends').columns(['phone_hmac', 'sent_at']).execute();
    await db.schema.createIndex('otp_sends_device_idx').on('otp_sends').columns(['device_id', 'sent_at']).execute();
    await db.schema.createIndex('otp_sends_time_idx').on('otp_sends').column('sent_at').execute();
  },
};
