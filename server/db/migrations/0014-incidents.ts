import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The breach register: incidents with their 72-hour clock, the residents linked to each and
 * the notices they were sent. Residents are named without a foreign key on purpose (like
 * data_requests): an erased resident's link and notice records stay as the incident's history.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'incidents',
  async up(db, t) {
    await db.schema
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('detected_at', t.instant, (c) => c.notNull())
      .addColumn('registered_at', t.instant, (c) => c.notNull())
      // JSON array of the fixed categories (shared/incidents.ts), sorted.
      .addColumn('categories', 'text', (c) => c.notNull())
      .addColumn('estimated_affected', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('authority_notified_at', t.instant)
      .addColumn('authority_notified_by', 'text')
      .addColumn('authority_reference', 'text')
      .addColumn('closed_at', t.instant)
      .addColumn('closed_by', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      // Set by the incident-deadlines job when it mailed the managers: 12 h before the deadline, and once it passed.
      .addColumn('deadline_warned_at', t.instant)
      .addColumn('overdue_notified_at', t.instant)
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('incidents_status_known', sql`status in ('open', 'notified', 'closed')`)
      .addCheckConstraint('incidents_affected_non_negative', sql`estimated_affected >= 0`)
      .addCheckConstraint('incidents_notified_with_who', sql`(authority_notified_at is null) = (authority_notified_by is null)`)
      .addCheckConstraint('incidents_closed_with_who', sql`(closed_at is null) = (closed_by is null) and ((status = 'closed') = (closed_at is not null))`)
      .execute();
    await db.schema.createIndex('incidents_building_idx').on('incidents').columns(['building_id', 'detected_at']).execute();

    await db.schema
      .createTable('incident_residents')
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('resident_id', 'text', (c) => c.notNull())
      .addColumn('linked_at', t.instant, (c) => c.notNull())
      .addColumn('linked_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incident_residents_pk', ['incident_id', 'resident_id'])
      .execute();

    // One notice per resident and channel: the unique key is what makes a repeated send a no-op.
    await db.schema
      .createTable('incident_notices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
      .addColumn('resident_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('sent_at', t.instant, (c) => c.notNull())
      .addColumn('sent_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('incident_notices_once', ['incident_id', 'resident_id', 'channel'])
      .addCheckConstraint('incident_notices_channel_known', sql`channel in ('sms', 'email')`)
      .execute();
  },
};
