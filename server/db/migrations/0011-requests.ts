import { sql } from 'kysely';
import type { Migration } from '../migration';

export const migration0011: Migration = {
  version: 11,
  name: 'requests',
  async up(db, t) {
    // A data-subject request (POLICY.md): what was asked, its status against the law's clock,
    // and what the jobs did with it. No foreign key to residents on purpose: the request and
    // its history outlive the resident's erasure, linked only by an opaque id.
    await db.schema
      .createTable('data_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('resident_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // What the resident wrote (objection, restriction) or a short summary (correction, consent withdrawal).
      .addColumn('details', 'text')
      // The correction request or consent purpose this request tracks, when it came from another flow.
      .addColumn('linked_id', 'text')
      // Where it was made: the kiosk, or null from the console.
      .addColumn('device_id', 'text')
      // 1 when a processor or third party is involved: 20 days to act instead of 15.
      .addColumn('third_party', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('acknowledge_due_at', t.instant, (c) => c.notNull())
      .addColumn('act_due_at', t.instant, (c) => c.notNull())
      // Deletions: when the executor may erase (created_at + 5 days).
      .addColumn('erase_at', t.instant)
      .addColumn('acknowledged_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_reason', 'text')
      .addColumn('hold_category', 'text')
      .addColumn('hold_reason', 'text')
      .addColumn('refusal_reason', 'text')
      .addColumn('export_delivery', 'text')
      // Deletions: where the resident wants the final notice ('sms', 'email' or 'none'); the
      // address itself is read just before erasure and never stored here.
      .addColumn('final_notice_channel', 'text')
      // The export the job prepared (JSON and the readable summary), kept for the office to hand over.
      .addColumn('export_json', 'text')
      .addColumn('export_summary', 'text')
      .addColumn('export_prepared_at', t.instant)
      // When the deadline tracker told the managers that a deadline passed (once each).
      .addColumn('overdue_acknowledge_notified_at', t.instant)
      .addColumn('overdue_act_notified_at', t.instant)
      // Deletions: when the resident's personal data was erased.
      .addColumn('erased_at', t.instant)
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('data_requests_kind_known', sql`kind in ('deletion', 'export', 'consent_withdrawal', 'correction', 'objection', 'restriction')`)
      .addCheckConstraint('data_requests_status_known', sql`status in ('received', 'acknowledged', 'in_progress', 'on_hold', 'done', 'refused', 'cancelled')`)
      .addCheckConstraint('data_requests_third_party_bool', sql`third_party in (0, 1)`)
      .addCheckConstraint('data_requests_extension_range', sql`extended_days >= 0 and extended_days <= 15`)
      .addCheckConstraint('data_requests_extension_reason', sql`(extended_days = 0) = (extension_reason is null)`)
      .addCheckConstraint('data_requests_hold_known', sql`hold_category is null or hold_category in ('legal_obligation', 'dispute', 'authority_request', 'identity_check')`)
      .addCheckConstraint('data_requests_hold_reason', sql`status <> 'on_hold' or (hold_category is not null and hold_reason is not null)`)
      .addCheckConstraint('data_requests_refusal_reason', sql`status <> 'refused' or refusal_reason is not null`)
      .addCheckConstraint('data_requests_closed', sql`(status in ('done', 'refused', 'cancelled')) = (closed_at is not null)`)
      .addCheckConstraint('data_requests_erase_at', sql`(kind = 'deletion') = (erase_at is not null)`)
      .addCheckConstraint('data_requests_notice_known', sql`final_notice_channel is null or final_notice_channel in ('sms', 'email', 'none')`)
      .addCheckConstraint('data_requests_delivery_known', sql`export_delivery is null or export_delivery in ('email', 'pickup')`)
      .execute();
    // At most one open deletion and one open export per resident: a second ask shows the first.
    await db.schema
      .createIndex('data_requests_one_open_idx')
      .on('data_requests')
      .columns(['resident_id', 'kind'])
      .unique()
      .where(sql.ref('status'), 'in', ['received', 'acknowledged', 'in_progress', 'on_hold'])
      .where(sql.ref('kind'), 'in', ['deletion', 'export'])
      .execute();
    await db.schema.createIndex('data_requests_resident_idx').on('data_requests').columns(['resident_id', 'created_at']).execute();
    // The queue (overdue first) and the jobs (due erasures, overdue deadlines) read by building and status.
    await db.schema.createIndex('data_requests_queue_idx').on('data_requests').columns(['building_id', 'status', 'act_due_at']).execute();
    await db.schema.createIndex('data_requests_erase_idx').on('data_requests').columns(['kind', 'status', 'erase_at']).execute();

    // The history: who did what, when and why. Kept after erasure (it names staff, not the resident).
    await db.schema
      .createTable('data_request_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('request_id', 'text', (c) => c.notNull().references('data_requests.id'))
      .addColumn('at', t.instant, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      // The staff member or job; for the resident, null (their id is on the request).
      .addColumn('actor_id', 'text')
      .addColumn('reason', 'text')
      .addCheckConstraint(
        'data_request_events_action_known',
        sql`action in ('received', 'acknowledged', 'started', 'extended', 'held', 'released', 'refused', 'completed', 'cancelled', 'overdue_acknowledge', 'overdue_act')`,
      )
      .addCheckConstraint('data_request_events_actor_known', sql`actor_kind in ('resident', 'staff', 'system')`)
      .execute();
    await db.schema.createIndex('data_request_events_request_idx').on('data_request_events').columns(['request_id', 'at']).execute();

    // Codes for something other than signing in (a deletion's fresh code) are told apart, so a
    // code sent to confirm one thing can never sign anyone in, and the reverse.
    await db.schema.alterTable('otp_requests').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('login')).execute();
  },
};
