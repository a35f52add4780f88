import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The bank's own reference of a transfer (SePay's `referenceCode`, a generic relay's
 * `bankReference`, a statement's reference column). One transfer can reach the hub twice under
 * two providers' keys — by webhook, then on the bank statement — and must be recorded once:
 * the reference, with the building, the account and the amount, is the second unique key.
 * Transfers recorded before have none (null), and nulls never collide.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'bank-references',
  async up(db) {
    await db.schema.alterTable('bank_transfers').addColumn('bank_reference', 'text').execute();
    await db.schema
      .createIndex('bank_transfers_bank_reference_once')
      .on('bank_transfers')
      .columns(['building_id', 'account_number', 'bank_reference', 'amount_vnd'])
      .unique()
      .where(sql.ref('bank_reference'), 'is not', null)
      .execute();
  },
};
