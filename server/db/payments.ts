/** Rows and queries of payments (migration 0015): accounts, webhook secrets, intents, transfers, allocations. */
import type { Kysely } from 'kysely';
import type { PaymentIntentStatus, TransferMatch, TransferSource } from '../../shared/payments';
import type { HubDb, HubTrx } from './connect';
import type { BillRow, Database } from './schema';

export type PaymentAccountRow = {
  building_id: string;
  bank_bin: string;
  bank_name: string;
  account_number: string;
  account_name: string;
  updated_at: string;
};

export type PaymentWebhookSecretRow = { building_id: string; provider: string; secret: string; created_at: string };

export type PaymentIntentRow = {
  id: string;
  building_id: string;
  resident_id: string | null;
  unit_id: string;
  code: string;
  amount_vnd: number;
  received_vnd: number;
  status: PaymentIntentStatus;
  created_at: string;
  expires_at: string;
  paid_at: string | null;
  flagged_at: string | null;
  closed_at: string | null;
  closed_reason: string | null;
  updated_at: string;
};

export type PaymentIntentBillRow = { intent_id: string; bill_id: string };

export type BankTransferRow = {
  id: string;
  building_id: string;
  source: TransferSource;
  provider: string;
  provider_tx_id: string;
  direction: 'in';
  amount_vnd: number;
  content: string;
  account_number: string;
  received_at: string;
  recorded_at: string;
  match: TransferMatch;
  payment_code: string | null;
  intent_id: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_reason: string | null;
};

export type PaymentAllocationRow = { id: string; transfer_id: string; bill_id: string; amount_vnd: number; created_at: string };

export type PaymentTables = {
  /** Bills with what has arrived against each (0015). */
  bills: BillRow & { paid_vnd: number };
  payment_accounts: PaymentAccountRow;
  payment_webhook_secrets: PaymentWebhookSecretRow;
  payment_intents: PaymentIntentRow;
  payment_intent_bills: PaymentIntentBillRow;
  bank_transfers: BankTransferRow;
  payment_allocations: PaymentAllocationRow;
};

export type Db = HubDb | HubTrx;

/** The database with the payment tables, for queries here and in reconciliation. */
export function paymentTables(db: Db): Kysely<Database & PaymentTables> {
  return db.withTables<PaymentTables>();
}
