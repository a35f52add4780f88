import { sql } from 'kysely';
import { dialectOf } from '../connect';
import type { Migration } from '../migration';

/**
 * Paying bills by bank transfer: each building's receiving account and webhook secrets,
 * payment intents (a code and an exact amount for some bills), the bank transfers that came
 * in, what each transfer paid of which bill, and how much of each bill is paid so far.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'payments',
  async up(db, t) {
    // What has arrived against a bill by bank transfer; the hub marks the bill 'paid' when it
    // reaches amount_vnd. Bills paid before this migration keep 0: their status says they were
    // paid in full (readers take status 'paid' as paid in full). Not back-filled, so the
    // migration writes no bill row (and moves no unit's bills_version).
    await db.schema.alterTable('bills').addColumn('paid_vnd', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    // The resident's list reads paid_vnd too: the covering index of 0009 gains it.
    await db.schema.dropIndex('bills_unit_list_idx').execute();
    await db.schema
      .createIndex('bills_unit_list_idx')
      .on('bills')
      .columns(['unit_id', 'month desc', 'id', 'service', 'amount_vnd', 'due_date', 'status', 'paid_at', 'meter_unit', 'previous_reading', 'current_reading', 'paid_vnd'])
      .execute();

    // The one account residents pay a building's bills into (shown beside the QR code).
    await db.schema
      .createTable('payment_accounts')
      .addColumn('building_id', 'text', (c) => c.primaryKey().references('buildings.id'))
      .addColumn('bank_bin', 'text', (c) => c.notNull())
      .addColumn('bank_name', 'text', (c) => c.notNull())
      .addColumn('account_number', 'text', (c) => c.notNull())
      .addColumn('account_name', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .execute();

    // The secret each bank-notification provider signs (or authenticates) its webhooks with,
    // per building: the secret that verifies a webhook names its building.
    await db.schema
      .createTable('payment_webhook_secrets')
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_webhook_secrets_pk', ['building_id', 'provider'])
      .execute();

    // No foreign key to residents on purpose (like data_requests): a payment outlives the
    // erasure of whoever made it.
    await db.schema
      .createTable('payment_intents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('resident_id', 'text')
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
      .addColumn('received_vnd', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('expires_at', t.instant, (c) => c.notNull())
      .addColumn('paid_at', t.instant)
      // Set by the nightly sweep: an intent that stayed open past expires_at (managers see it).
      .addColumn('flagged_at', t.instant)
      .addColumn('closed_at', t.instant)
      .addColumn('closed_reason', 'text')
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('payment_intents_status_known', sql`status in ('open', 'paid', 'partially_paid', 'overpaid', 'expired', 'cancelled')`)
      .addCheckConstraint('payment_intents_amounts', sql`amount_vnd > 0 and received_vnd >= 0`)
      .addCheckConstraint('payment_intents_paid_has_time', sql`status not in ('paid', 'overpaid') or paid_at is not null`)
      .execute();
    await db.schema.createIndex('payment_intents_unit_idx').on('payment_intents').columns(['unit_id', 'status']).execute();
    await db.schema.createIndex('payment_intents_sweep_idx').on('payment_intents').columns(['status', 'expires_at']).execute();

    await db.schema
      .createTable('payment_intent_bills')
      .addColumn('intent_id', 'text', (c) => c.notNull().references('payment_intents.id'))
      .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
      .addPrimaryKeyConstraint('payment_intent_bills_pk', ['intent_id', 'bill_id'])
      .execute();
    await db.schema.createIndex('payment_intent_bills_bill_idx').on('payment_intent_bills').column('bill_id').execute();

    // Every incoming transfer to a building's account, once per provider transaction: the
    // unique key is what makes a webhook retry, or a statement imported twice, harmless.
    await db.schema
      .createTable('bank_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('provider_tx_id', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('account_number', 'text', (c) => c.notNull())
      .addColumn('received_at', t.instant, (c) => c.notNull())
      .addColumn('recorded_at', t.instant, (c) => c.notNull())
      .addColumn('match', 'text', (c) => c.notNull())
      .addColumn('payment_code', 'text')
      .addColumn('intent_id', 'text', (c) => c.references('payment_intents.id'))
      .addColumn('resolved_at', t.instant)
      .addColumn('resolved_by', 'text')
      .addColumn('resolution_reason', 'text')
      .addUniqueConstraint('bank_transfers_once', ['provider', 'provider_tx_id'])
      .addCheckConstraint('bank_transfers_source_known', sql`source in ('webhook', 'statement')`)
      .addCheckConstraint('bank_transfers_incoming', sql`direction = 'in'`)
      .addCheckConstraint('bank_transfers_amount_non_negative', sql`amount_vnd >= 0`)
      .addCheckConstraint('bank_transfers_match_known', sql`match in ('matched', 'partial', 'overpaid', 'unmatched', 'resolved', 'ignored')`)
      .addCheckConstraint('bank_transfers_resolved_with_who', sql`(resolved_at is null) = (resolved_by is null)`)
      .execute();
    await db.schema.createIndex('bank_transfers_building_idx').on('bank_transfers').columns(['building_id', 'match', 'received_at']).execute();
    await db.schema.createIndex('bank_transfers_intent_idx').on('bank_transfers').column('intent_id').execute();

    // What a transfer paid of which bill (a partial payment fills the oldest bill first).
    await db.schema
      .createTable('payment_allocations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('transfer_id', 'text', (c) => c.notNull().references('bank_transfers.id'))
      .addColumn('bill_id', 'text', (c) => c.notNull().references('bills.id'))
      .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addCheckConstraint('payment_allocations_positive', sql`amount_vnd > 0`)
      .execute();
    await db.schema.createIndex('payment_allocations_transfer_idx').on('payment_allocations').column('transfer_id').execute();
    await db.schema.createIndex('payment_allocations_bill_idx').on('payment_allocations').column('bill_id').execute();

    // A bill is never paid beyond its amount (an overpayment stays on the transfer, for a
    // manager). SQLite cannot add a constraint to an existing table: triggers say the same there.
    if (dialectOf(db) === 'postgres') {
      await sql`alter table bills add constraint bills_paid_vnd_within check (paid_vnd >= 0 and paid_vnd <= amount_vnd)`.execute(db);
    } else {
      for (const event of ['insert', 'update']) {
        await sql`
          create trigger ${sql.raw(`bills_paid_vnd_within_${event}`)} before ${sql.raw(event)} on bills
          when new.paid_vnd < 0 or new.paid_vnd > new.amount_vnd
          begin select raise(abort, 'CHECK constraint failed: bills_paid_vnd_within'); end`.execute(db);
      }
    }
  },
};
