/** Rows and queries of payments (migration 0015): accounts, webhook secrets, intents, transfers, allocations. */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { PaymentIntentStatus, TransferMatch, TransferSource } from '../../shared/payments';
import { dialectOf } from './connect';
import { chunks } from './locks';
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

/** A transfer as recorded since 0017: with the bank's own reference when the source gave one. */
export type RecordedTransferRow = BankTransferRow & { bank_reference: string | null };

export type PaymentAllocationRow = { id: string; transfer_id: string; bill_id: string; amount_vnd: number; created_at: string };

export type PaymentTables = {
  /** Bills with what has arrived against each (0015). */
  bills: BillRow & { paid_vnd: number };
  payment_accounts: PaymentAccountRow;
  payment_webhook_secrets: PaymentWebhookSecretRow;
  payment_intents: PaymentIntentRow;
  payment_intent_bills: PaymentIntentBillRow;
  bank_transfers: RecordedTransferRow;
  payment_allocations: PaymentAllocationRow;
};

export type Db = HubDb | HubTrx;

/** The database with the payment tables, for queries here and in reconciliation. */
export function paymentTables(db: Db): Kysely<Database & PaymentTables> {
  return db.withTables<PaymentTables>();
}

export async function getPaymentAccount(db: Db, buildingId: string): Promise<PaymentAccountRow | undefined> {
  return paymentTables(db).selectFrom('payment_accounts').selectAll().where('building_id', '=', buildingId).executeTakeFirst();
}

/** Sets (or replaces) a building's receiving account. */
export async function putPaymentAccount(db: Db, row: PaymentAccountRow): Promise<void> {
  const { building_id: _id, ...rest } = row;
  await paymentTables(db)
    .insertInto('payment_accounts')
    .values(row)
    .onConflict((oc) => oc.column('building_id').doUpdateSet(rest))
    .execute();
}

/** Sets (or replaces) a building's secret for one webhook provider. */
export async function putWebhookSecret(db: Db, row: PaymentWebhookSecretRow): Promise<void> {
  await paymentTables(db)
    .insertInto('payment_webhook_secrets')
    .values(row)
    .onConflict((oc) => oc.columns(['building_id', 'provider']).doUpdateSet({ secret: row.secret, created_at: row.created_at }))
    .execute();
}

export async function listWebhookSecrets(db: Db, provider: string): Promise<PaymentWebhookSecretRow[]> {
  return paymentTables(db).selectFrom('payment_webhook_secrets').selectAll().where('provider', '=', provider).orderBy('building_id').execute();
}

/** A bill as payments see it: the unit it belongs to and what is still due. */
export type PayableBillRow = { id: string; unit_id: string; month: string; due_date: string; amount_vnd: number; paid_vnd: number; status: 'unpaid' | 'paid' };

export async function getPayableBills(db: Db, billIds: readonly string[], opts: { lock?: boolean } = {}): Promise<PayableBillRow[]> {
  if (billIds.length === 0) return [];
  const query = paymentTables(db)
    .selectFrom('bills')
    .select(['id', 'unit_id', 'month', 'due_date', 'amount_vnd', 'paid_vnd', 'status'])
    .where('id', 'in', [...billIds])
    // Oldest due first: a part-payment fills these first.
    .orderBy('due_date')
    .orderBy('month')
    .orderBy('id');
  return opts.lock === true && dialectOf(db) === 'postgres' ? query.forUpdate().execute() : query.execute();
}

export async function getIntent(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<PaymentIntentRow | undefined> {
  const query = paymentTables(db).selectFrom('payment_intents').selectAll().where('id', '=', id);
  return opts.lock === true && dialectOf(db) === 'postgres' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function getIntentByCode(db: Db, buildingId: string, codes: readonly string[], opts: { lock?: boolean } = {}): Promise<PaymentIntentRow | undefined> {
  if (codes.length === 0) return undefined;
  const rows = await (() => {
    const query = paymentTables(db).selectFrom('payment_intents').selectAll().where('building_id', '=', buildingId).where('code', 'in', [...codes]);
    return opts.lock === true && dialectOf(db) === 'postgres' ? query.forUpdate().execute() : query.execute();
  })();
  // The code that appears first in the content wins.
  for (const code of codes) {
    const row = rows.find((r) => r.code === code);
    if (row !== undefined) return row;
  }
  return undefined;
}

export async function getIntentBillIds(db: Db, intentId: string): Promise<string[]> {
  const rows = await paymentTables(db).selectFrom('payment_intent_bills').select('bill_id').where('intent_id', '=', intentId).orderBy('bill_id').execute();
  return rows.map((r) => r.bill_id);
}

/** The unit's intents still waiting for money, with their bill ids. */
export async function listOpenIntents(db: Db, unitId: string): Promise<(PaymentIntentRow & { billIds: string[] })[]> {
  const intents = await paymentTables(db).selectFrom('payment_intents').selectAll().where('unit_id', '=', unitId).where('status', '=', 'open').execute();
  const out: (PaymentIntentRow & { billIds: string[] })[] = [];
  for (const intent of intents) out.push({ ...intent, billIds: await getIntentBillIds(db, intent.id) });
  return out;
}

export async function insertIntent(db: Db, row: PaymentIntentRow, billIds: readonly string[]): Promise<void> {
  const t = paymentTables(db);
  await t.insertInto('payment_intents').values(row).execute();
  await t
    .insertInto('payment_intent_bills')
    .values(billIds.map((bill_id) => ({ intent_id: row.id, bill_id })))
    .execute();
}

export async function updateIntent(db: Db, id: string, change: Partial<Omit<PaymentIntentRow, 'id' | 'building_id' | 'code'>>): Promise<void> {
  await paymentTables(db).updateTable('payment_intents').set(change).where('id', '=', id).execute();
}

/**
 * Inserts the transfer unless it is already recorded: the same (provider, provider_tx_id), or
 * the same bank reference to the same account of the building for the same amount (0017);
 * true when it was new.
 */
export async function insertTransferOnce(db: Db, row: RecordedTransferRow): Promise<boolean> {
  const inserted = await paymentTables(db)
    .insertInto('bank_transfers')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Many transfers at once, in their order, each unless already recorded; the ids of those inserted. */
export async function insertTransfersOnce(db: Db, rows: readonly RecordedTransferRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  // 18 columns × 400 rows stays under SQLite's 32,766 parameters.
  for (const part of chunks(rows, 400)) {
    const out = await paymentTables(db)
      .insertInto('bank_transfers')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    for (const r of out) inserted.add(r.id);
  }
  return inserted;
}

/** The transfer recorded earlier under the same bank reference (see insertTransferOnce). */
export async function getTransferByBankReference(
  db: Db,
  key: { buildingId: string; accountNumber: string; bankReference: string; amountVnd: number },
): Promise<RecordedTransferRow | undefined> {
  return paymentTables(db)
    .selectFrom('bank_transfers')
    .selectAll()
    .where('building_id', '=', key.buildingId)
    .where('account_number', '=', key.accountNumber)
    .where('bank_reference', '=', key.bankReference)
    .where('amount_vnd', '=', key.amountVnd)
    .executeTakeFirst();
}

export async function getTransferByProviderTx(db: Db, provider: string, providerTxId: string): Promise<RecordedTransferRow | undefined> {
  return paymentTables(db).selectFrom('bank_transfers').selectAll().where('provider', '=', provider).where('provider_tx_id', '=', providerTxId).executeTakeFirst();
}

export async function updateTransfer(db: Db, id: string, change: Partial<Pick<BankTransferRow, 'match' | 'payment_code' | 'intent_id'>>): Promise<void> {
  await paymentTables(db).updateTable('bank_transfers').set(change).where('id', '=', id).execute();
}

export async function insertAllocations(db: Db, rows: readonly PaymentAllocationRow[]): Promise<void> {
  if (rows.length > 0) await paymentTables(db).insertInto('payment_allocations').values([...rows]).execute();
}

export async function setBillPaid(db: Db, billId: string, paidVnd: number, paidAt: string | null): Promise<void> {
  await paymentTables(db)
    .updateTable('bills')
    .set(paidAt === null ? { paid_vnd: paidVnd } : { paid_vnd: paidVnd, status: 'paid', paid_at: paidAt })
    .where('id', '=', billId)
    .execute();
}

/** Labels of the units whose bills a transfer paid. */
export async function transferUnitLabels(db: Db, transferId: string): Promise<string[]> {
  const rows = await paymentTables(db)
    .selectFrom('payment_allocations as a')
    .innerJoin('bills as b', 'b.id', 'a.bill_id')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .select('u.label')
    .distinct()
    .where('a.transfer_id', '=', transferId)
    .orderBy('u.label')
    .execute();
  return rows.map((r) => r.label);
}

/** The nightly sweep: open intents past their expiry with no money become expired and flagged. */
export async function expireStaleIntents(db: Db, now: string): Promise<number> {
  const result = await paymentTables(db)
    .updateTable('payment_intents')
    .set({ status: 'expired', flagged_at: now, closed_at: now, closed_reason: 'expired', updated_at: now })
    .where('status', '=', 'open')
    .where('expires_at', '<', now)
    .where('received_vnd', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The building's intents whose code is among `codes`, locked (PostgreSQL) in id order until commit. */
export async function getIntentsByCodes(db: Db, buildingId: string, codes: readonly string[], opts: { lock?: boolean } = {}): Promise<PaymentIntentRow[]> {
  const out: PaymentIntentRow[] = [];
  const unique = [...new Set(codes)];
  for (const part of chunks(unique, 500)) {
    const query = paymentTables(db).selectFrom('payment_intents').selectAll().where('building_id', '=', buildingId).where('code', 'in', part).orderBy('id');
    out.push(...(opts.lock === true && dialectOf(db) === 'postgres' ? await query.forUpdate().execute() : await query.execute()));
  }
  return out;
}

/** The bill ids of many intents: intent id → its bill ids, sorted. */
export async function getIntentBillIdsMany(db: Db, intentIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(intentIds, 500)) {
    const rows = await paymentTables(db)
      .selectFrom('payment_intent_bills')
      .select(['intent_id', 'bill_id'])
      .where('intent_id', 'in', part)
      .orderBy('intent_id')
      .orderBy('bill_id')
      .execute();
    for (const r of rows) out.set(r.intent_id, [...(out.get(r.intent_id) ?? []), r.bill_id]);
  }
  return out;
}

/** `case id when … then … end` over the given rows, each value cast to the column's type. */
function byId<T>(rows: readonly { id: string; value: T }[], cast: (value: T) => RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`case id ${sql.join(
    rows.map((r) => sql`when ${r.id} then ${cast(r.value)}`),
    sql` `,
  )} end`;
}

function instantCast(db: Db): (value: string | null) => RawBuilder<unknown> {
  const type = dialectOf(db) === 'postgres' ? sql.raw('timestamptz') : sql.raw('text');
  return (value) => sql`cast(${value} as ${type})`;
}
const bigintCast = (value: number): RawBuilder<unknown> => sql`cast(${value} as bigint)`;
const textCast = (value: string | null): RawBuilder<unknown> => sql`cast(${value} as text)`;

/** Sets what each bill has received (and, when paid in full, its status and time): one statement per 300 bills. */
export async function setBillsPaid(db: Db, bills: readonly { id: string; paidVnd: number; status: 'unpaid' | 'paid'; paidAt: string | null }[]): Promise<void> {
  const instant = instantCast(db);
  for (const part of chunks(bills, 300)) {
    await paymentTables(db)
      .updateTable('bills')
      .set({
        paid_vnd: byId(part.map((b) => ({ id: b.id, value: b.paidVnd })), bigintCast) as never,
        status: byId(part.map((b) => ({ id: b.id, value: b.status })), textCast) as never,
        paid_at: byId(part.map((b) => ({ id: b.id, value: b.paidAt })), instant) as never,
      })
      .where('id', 'in', part.map((b) => b.id))
      .execute();
  }
}

/** Sets what each intent has received, its status and when it was paid: one statement per 300 intents. */
export async function setIntentsReceived(
  db: Db,
  intents: readonly { id: string; receivedVnd: number; status: PaymentIntentStatus; paidAt: string | null }[],
  updatedAt: string,
): Promise<void> {
  const instant = instantCast(db);
  for (const part of chunks(intents, 300)) {
    await paymentTables(db)
      .updateTable('payment_intents')
      .set({
        received_vnd: byId(part.map((x) => ({ id: x.id, value: x.receivedVnd })), bigintCast) as never,
        status: byId(part.map((x) => ({ id: x.id, value: x.status })), textCast) as never,
        paid_at: byId(part.map((x) => ({ id: x.id, value: x.paidAt })), instant) as never,
        updated_at: updatedAt,
      })
      .where('id', 'in', part.map((x) => x.id))
      .execute();
  }
}

/** Sets the match of many transfers: one statement per 300 transfers. */
export async function setTransferMatches(db: Db, transfers: readonly { id: string; match: TransferMatch; paymentCode: string | null; intentId: string | null }[]): Promise<void> {
  for (const part of chunks(transfers, 300)) {
    await paymentTables(db)
      .updateTable('bank_transfers')
      .set({
        match: byId(part.map((x) => ({ id: x.id, value: x.match })), textCast) as never,
        payment_code: byId(part.map((x) => ({ id: x.id, value: x.paymentCode })), textCast) as never,
        intent_id: byId(part.map((x) => ({ id: x.id, value: x.intentId })), textCast) as never,
      })
      .where('id', 'in', part.map((x) => x.id))
      .execute();
  }
}

/** The earlier transfers of many duplicates: by (provider, provider_tx_id), then by bank reference. */
export async function findRecordedTransfers(
  db: Db,
  buildingId: string,
  keys: readonly { provider: string; providerTxId: string; accountNumber: string; bankReference: string | null; amountVnd: number }[],
): Promise<{ byTx: Map<string, string>; byReference: Map<string, string> }> {
  const byTx = new Map<string, string>();
  const byReference = new Map<string, string>();
  const t = paymentTables(db);
  // By provider, then a list of their ids: one index range per look-up.
  const providers = new Map<string, string[]>();
  for (const k of keys) providers.set(k.provider, [...(providers.get(k.provider) ?? []), k.providerTxId]);
  for (const [provider, ids] of providers) {
    for (const part of chunks(ids, 500)) {
      const rows = await t.selectFrom('bank_transfers').select(['id', 'provider_tx_id']).where('provider', '=', provider).where('provider_tx_id', 'in', part).execute();
      for (const r of rows) byTx.set(`${provider}|${r.provider_tx_id}`, r.id);
    }
  }
  const refs = keys.filter((k) => k.bankReference !== null && !byTx.has(`${k.provider}|${k.providerTxId}`));
  for (const part of chunks(refs, 500)) {
    const found = await t
      .selectFrom('bank_transfers')
      .select(['id', 'account_number', 'bank_reference', 'amount_vnd'])
      .where('building_id', '=', buildingId)
      .where('account_number', 'in', [...new Set(part.map((k) => k.accountNumber))])
      .where('bank_reference', 'in', part.map((k) => k.bankReference!))
      .execute();
    for (const r of found) byReference.set(`${r.account_number}|${r.bank_reference}|${Number(r.amount_vnd)}`, r.id);
  }
  return { byTx, byReference };
}
