/**
 * Payment intents, bank transfers and their matching (issue 11, docs/payments.md).
 *
 * A resident opens an intent for some unpaid bills: a random payment code and the exact
 * amount, shown at the kiosk as a VietQR code. A transfer reaches the hub by a signed webhook
 * (or, through `recordTransfer`, from a statement import); it is recorded once per provider
 * transaction, its content is normalized and searched for a payment code, and the intent and
 * its bills are updated in the same transaction. Waiting kiosks (`wait`, a long poll) are woken
 * at once by this hub, and within about half a second when another hub recorded the transfer.
 */
import type { Bill } from '../../shared/domain';
import type { WebhookOutcome, WebhookProvider } from '../../shared/hub-api/payments';
import type { Logger } from '../../shared/logger';
import { formatVnd } from '../../shared/money';
import { IncomingTransfer, normalizeTransferContent } from '../../shared/payments';
import type { BankTransfer, PaymentIntent, PaymentIntentStatus, ReceivingAccount, TransferMatch } from '../../shared/payments';
import { KiotError } from '../../shared/result';
import { checkGenericSignature, GenericTransferBody, genericTransfer, GENERIC_SIGNATURE_HEADER } from '../adapters/payments/generic';
import { checkSepayApiKey, SepayTransferBody, sepayTransfer } from '../adapters/payments/sepay';
import type { HubDb, HubTrx } from '../db/connect';
import {
  expireStaleIntents,
  findRecordedTransfers,
  getIntent,
  getIntentBillIds,
  getIntentBillIdsMany,
  getIntentByCode,
  getIntentsByCodes,
  getPayableBills,
  getPaymentAccount,
  getTransferByBankReference,
  getTransferByProviderTx,
  insertAllocations,
  insertIntent,
  insertTransferOnce,
  insertTransfersOnce,
  listOpenIntents,
  listWebhookSecrets,
  putPaymentAccount,
  putWebhookSecret,
  setBillPaid,
  setBillsPaid,
  setIntentsReceived,
  setTransferMatches,
  transferUnitLabels,
  updateIntent,
  updateTransfer,
} from '../db/payments';
import type { BankTransferRow, PayableBillRow, PaymentAccountRow, PaymentAllocationRow, PaymentIntentRow, RecordedTransferRow } from '../db/payments';
import type { IdGenerator, RandomBytes } from '../ids';
import type { AuditService } from './audit';
import type { BillService } from './bills';
import type { NotificationService } from './notifications';
import { newPaymentCode, paymentCodeCandidates } from './payment-codes';
import { vietQrPayload } from './vietqr';

/** Who pays: the signed-in resident, as the session gives them. */
export type Payer = { id: string; unitId: string; unitLabel: string; buildingId: string };

/**
 * What one transfer did. The match states of a recorded transfer, plus: `duplicate` (this
 * provider transaction was recorded before; nothing changed), `outgoing` (money leaving the
 * account) and `wrong_account` (to another account than the building's): neither is recorded.
 */
export type RecordOutcome = 'matched' | 'partial' | 'overpaid' | 'unmatched' | 'duplicate' | 'outgoing' | 'wrong_account';

/**
 * A transfer as an adapter or a statement hands it over: with the bank's own reference when
 * the source gives one (SePay's `referenceCode`, a generic relay's `bankReference`, a
 * statement's reference column). The same reference to the same account for the same amount
 * is the same bank transfer, whichever way it arrives (`duplicate` the second time).
 */
export type TransferInput = IncomingTransfer & { bankReference?: string | null | undefined };

/** Upper case without spaces; empty → none. */
export function normalizeBankReference(reference: string | null | undefined): string | null {
  const out = (reference ?? '').replace(/\s+/g, '').toUpperCase();
  return out.length === 0 || out.length > 200 ? null : out;
}

/** How many transfers `recordTransfers` records per transaction. */
export const TRANSFERS_PER_TRANSACTION = 500;

export type PaymentService = {
  createIntent(payer: Payer, billIds: readonly string[]): Promise<PaymentIntent>;
  /** The intent and its bills; when `seen` is its status, waits up to `waitMs` for a change first. */
  wait(payer: Payer, id: string, opts: { waitMs: number; seen?: PaymentIntentStatus | undefined }): Promise<{ payment: PaymentIntent; bills: Bill[] }>;
  cancel(payer: Payer, id: string): Promise<PaymentIntent>;
  receiveWebhook(provider: WebhookProvider, raw: { headers: Readonly<Record<string, string | string[] | undefined>>; body: Buffer }): Promise<WebhookOutcome>;
  /**
   * The one matching function (webhooks, statement imports, tests): records the transfer once
   * per (provider, providerTxId) and applies it to the intent whose code its content carries.
   * `transfer` is null for `outgoing` and `wrong_account`; for `duplicate` it is the earlier one.
   */
  recordTransfer(buildingId: string, incoming: TransferInput): Promise<{ transfer: BankTransfer | null; outcome: RecordOutcome }>;
  /**
   * Many transfers (a statement), with the outcomes `recordTransfer` would give them one by one
   * in this order, in one transaction per 500: the inserts, the intent and bill look-ups (locked
   * as `recordTransfer` locks them), the allocations and the bill, intent and transfer updates
   * are set-based; receipts go after each commit. `transferId` is the earlier transfer's for a
   * duplicate, null for `outgoing` and `wrong_account`.
   */
  recordTransfers(buildingId: string, incoming: readonly TransferInput[]): Promise<{ transferId: string | null; outcome: RecordOutcome }[]>;
  /** Sets a building's receiving account (operators, the demo seed, tests). */
  setAccount(buildingId: string, account: ReceivingAccount): Promise<void>;
  /** Sets a building's secret for one webhook provider (HMAC key for generic, API key for SePay). */
  setWebhookSecret(buildingId: string, provider: WebhookProvider, secret: string): Promise<void>;
  /** The nightly sweep: open intents past expiry with no money become expired (flagged for managers). */
  sweep(): Promise<{ expired: number }>;
  /** Wakes every waiting long poll (the hub is closing). */
  close(): void;
};

export type PaymentDeps = {
  db: HubDb;
  clock: () => Date;
  random: RandomBytes;
  newId: IdGenerator;
  bills: BillService;
  notifications: Pick<NotificationService, 'receipt'>;
  audit: AuditService;
  logger: Logger;
};

/** How long an intent stays open before the nightly sweep may flag it. */
export const INTENT_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** While a long poll waits, the intent's row is read again this often (transfers recorded by another hub). */
export const PAYMENT_REPOLL_MS = 500;
/**
 * The secret a dev-mode hub gives the demo building for every webhook provider, so the dev
 * stack and the e2e tests can post signed webhooks. Never used outside dev mode: a production
 * hub without a configured secret refuses webhooks.
 */
export const DEV_WEBHOOK_SECRET = 'kiot-dev-webhook-secret-not-for-production';
/** Webhook secrets shorter than this are refused: they would be guessable. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;
const CODE_ATTEMPTS = 5;

export function createPayments(deps: PaymentDeps): PaymentService {
  const { db, clock, random, newId, logger } = deps;
  /** intent id → the wake-up calls of the long polls waiting on it in this process. */
  const waiters = new Map<string, Set<() => void>>();

  function wake(intentId: string): void {
    for (const w of [...(waiters.get(intentId) ?? [])]) w();
  }

  async function accountOf(buildingId: string): Promise<PaymentAccountRow> {
    const account = await getPaymentAccount(db, buildingId);
    if (account === undefined) throw new KiotError('wrong_state', 'This building has no receiving account for transfers yet');
    return account;
  }

  function toIntent(row: PaymentIntentRow, billIds: string[], account: PaymentAccountRow): PaymentIntent {
    const due = row.amount_vnd - row.received_vnd;
    return {
      id: row.id,
      code: row.code,
      billIds,
      amountVnd: row.amount_vnd,
      receivedVnd: row.received_vnd,
      status: row.status,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      paidAt: row.paid_at,
      account: { bankBin: account.bank_bin, bankName: account.bank_name, accountNumber: account.account_number, accountName: account.account_name },
      // What is still due after a part-payment; the whole amount otherwise.
      qrPayload: vietQrPayload({ bankBin: account.bank_bin, accountNumber: account.account_number }, due > 0 ? due : row.amount_vnd, row.code),
    };
  }

  async function ownedIntent(payer: Payer, id: string): Promise<PaymentIntentRow> {
    const row = await getIntent(db, id);
    // Another unit's intent is as unknown as a missing one.
    if (row === undefined || row.unit_id !== payer.unitId || row.building_id !== payer.buildingId) throw new KiotError('not_found', 'No such payment');
    return row;
  }

  async function view(payer: Payer, row: PaymentIntentRow): Promise<{ payment: PaymentIntent; bills: Bill[] }> {
    const billIds = await getIntentBillIds(db, row.id);
    const account = await accountOf(row.building_id);
    const all = await deps.bills.listForUnit({ id: payer.unitId, label: payer.unitLabel });
    return { payment: toIntent(row, billIds, account), bills: all.filter((b) => billIds.includes(b.id)) };
  }

  /** What is still due on a bill (a bill marked paid is paid in full). */
  const remaining = (bill: PayableBillRow): number => (bill.status === 'paid' ? 0 : Math.max(0, bill.amount_vnd - bill.paid_vnd));

  type Applied = { match: TransferMatch; intent: PaymentIntentRow | null; allocated: number };

  /**
   * The matching rule for one transfer on the intent its content names, given the intent's
   * bills as they stand (oldest due first): what the transfer is, what it pays of each bill,
   * and what the intent becomes. Pure: `apply` and `recordTransfers` write what it says.
   */
  function settle(
    amountVnd: number,
    intent: PaymentIntentRow,
    bills: readonly PayableBillRow[],
    now: string,
  ): { match: TransferMatch; parts: { bill: PayableBillRow; part: number; paidVnd: number; paidAt: string | null }[]; intent: PaymentIntentRow; allocated: number } {
    const due = bills.reduce((sum, b) => sum + remaining(b), 0);
    const alreadyPaid = intent.status === 'paid' || intent.status === 'overpaid';
    let match: TransferMatch;
    if (alreadyPaid || due === 0) match = 'overpaid';
    else if (amountVnd === due) match = 'matched';
    else if (amountVnd < due) match = 'partial';
    else match = 'overpaid';

    // Oldest bill first; an overpayment's surplus stays on the transfer for a manager.
    let left = alreadyPaid ? 0 : Math.min(amountVnd, due);
    const allocated = left;
    const parts = [];
    for (const bill of bills) {
      if (left === 0) break;
      const part = Math.min(left, remaining(bill));
      if (part === 0) continue;
      left -= part;
      const paidVnd = bill.paid_vnd + part;
      parts.push({ bill, part, paidVnd, paidAt: paidVnd === bill.amount_vnd ? now : null });
    }
    const status: PaymentIntentStatus = match === 'overpaid' ? 'overpaid' : match === 'matched' ? 'paid' : 'partially_paid';
    const paidAt = status === 'partially_paid' ? intent.paid_at : (intent.paid_at ?? now);
    return { match, parts, intent: { ...intent, received_vnd: intent.received_vnd + amountVnd, status, paid_at: paidAt, updated_at: now }, allocated };
  }

  /** Applies a freshly recorded transfer inside its transaction: finds the intent, pays bills. */
  async function apply(trx: HubTrx, row: BankTransferRow, now: string): Promise<Applied> {
    const codes = paymentCodeCandidates(normalizeTransferContent(row.content));
    // Locked until commit: two hubs applying two transfers to one intent take turns.
    const intent = await getIntentByCode(trx, row.building_id, codes, { lock: true });
    if (intent === undefined) {
      await updateTransfer(trx, row.id, { match: 'unmatched', payment_code: null, intent_id: null });
      return { match: 'unmatched', intent: null, allocated: 0 };
    }
    const bills = await getPayableBills(trx, await getIntentBillIds(trx, intent.id), { lock: true });
    const result = settle(row.amount_vnd, intent, bills, now);
    for (const p of result.parts) await setBillPaid(trx, p.bill.id, p.paidVnd, p.paidAt);
    await insertAllocations(
      trx,
      result.parts.map((p) => ({ id: newId(), transfer_id: row.id, bill_id: p.bill.id, amount_vnd: p.part, created_at: now })),
    );
    const { received_vnd, status, paid_at, updated_at } = result.intent;
    await updateIntent(trx, intent.id, { received_vnd, status, paid_at, updated_at });
    await updateTransfer(trx, row.id, { match: result.match, payment_code: intent.code, intent_id: intent.id });
    return { match: result.match, intent: result.intent, allocated: result.allocated };
  }

  function receiptFor(match: TransferMatch, amount: number, dueAfter: number): { sms: string; mail: { subject: string; text: string } } {
    const vi = `Đã nhận ${formatVnd(amount, 'vi')} thanh toán hóa đơn.`;
    const en = `Received ${formatVnd(amount, 'en')} for your bills.`;
    const viMore =
      match === 'partial' ? ` Còn phải trả ${formatVnd(dueAfter, 'vi')}.` : match === 'overpaid' ? ' Ban quản lý sẽ liên hệ về số tiền chuyển thừa.' : ' Các hóa đơn đã được thanh toán.';
    const enMore =
      match === 'partial' ? ` Still due: ${formatVnd(dueAfter, 'en')}.` : match === 'overpaid' ? ' The management office will contact you about the extra amount.' : ' The bills are paid.';
    const text = `${vi}${viMore}\n${en}${enMore}`;
    return { sms: text, mail: { subject: 'Biên nhận thanh toán / Payment receipt', text } };
  }

  async function sendReceipt(intent: PaymentIntentRow, match: TransferMatch, amount: number): Promise<void> {
    if (intent.resident_id === null) return;
    const dueAfter = Math.max(0, intent.amount_vnd - intent.received_vnd);
    try {
      const outcome = await deps.notifications.receipt(intent.resident_id, receiptFor(match, amount, dueAfter));
      logger.info('Payment receipt', { intentId: intent.id, outcome });
    } catch (err) {
      logger.warn('Payment receipt failed', { intentId: intent.id, errorType: err instanceof Error ? err.name : typeof err });
    }
  }

  const normalizeAccount = (s: string): string => s.replace(/[\s.-]/g, '').toUpperCase();

  /**
   * The row a transfer to the building's account is recorded as, or why it is not recorded.
   * The account stored is the building's own, as configured, so the bank-reference key
   * compares one spelling of it whichever source the transfer came by.
   */
  function rowFor(buildingId: string, account: PaymentAccountRow | undefined, input: TransferInput, now: string): RecordedTransferRow | 'outgoing' | 'wrong_account' {
    const incoming = IncomingTransfer.parse(input);
    if (incoming.direction === 'out') return 'outgoing';
    if (account === undefined || normalizeAccount(account.account_number) !== normalizeAccount(incoming.accountNumber)) return 'wrong_account';
    return {
      id: newId(),
      building_id: buildingId,
      source: incoming.source,
      provider: incoming.provider,
      provider_tx_id: incoming.providerTxId,
      direction: 'in',
      amount_vnd: incoming.amountVnd,
      content: incoming.content,
      account_number: account.account_number,
      received_at: incoming.receivedAt,
      recorded_at: now,
      match: 'unmatched',
      payment_code: null,
      intent_id: null,
      resolved_at: null,
      resolved_by: null,
      resolution_reason: null,
      bank_reference: normalizeBankReference(input.bankReference),
    };
  }

  /** The transfer recorded earlier that makes `row` a duplicate. */
  async function earlierOf(row: RecordedTransferRow): Promise<RecordedTransferRow | undefined> {
    return (
      (await getTransferByProviderTx(db, row.provider, row.provider_tx_id)) ??
      (row.bank_reference === null
        ? undefined
        : await getTransferByBankReference(db, { buildingId: row.building_id, accountNumber: row.account_number, bankReference: row.bank_reference, amountVnd: row.amount_vnd }))
    );
  }

  async function recordTransfer(buildingId: string, input: TransferInput): Promise<{ transfer: BankTransfer | null; outcome: RecordOutcome }> {
    const now = clock().toISOString();
    const made = rowFor(buildingId, await getPaymentAccount(db, buildingId), input, now);
    if (made === 'outgoing' || made === 'wrong_account') return { transfer: null, outcome: made };
    const row = made;
    const incoming = { source: row.source, provider: row.provider, amountVnd: row.amount_vnd };
    const result = await db.transaction().execute(async (trx) => {
      // The unique keys decide which of two concurrent deliveries records the transfer: the
      // other waits on the key, then inserts nothing. The same bank transfer by webhook and on
      // the statement meets on the bank-reference key.
      if (!(await insertTransferOnce(trx, row))) return null;
      const applied = await apply(trx, row, now);
      if (incoming.source === 'webhook') {
        await deps.audit.record(trx, {
          buildingId,
          residentId: null,
          actor: { kind: 'system', job: `payments-webhook-${incoming.provider}` },
          action: 'payment.reconciled',
          reason: null,
          detail: { transferId: row.id, match: applied.match, ...(applied.intent ? { intentId: applied.intent.id } : {}) },
        });
      }
      return applied;
    });
    if (result === null) {
      const existing = await earlierOf(row);
      return { transfer: existing === undefined ? null : toTransfer(existing, await transferUnitLabels(db, existing.id)), outcome: 'duplicate' };
    }
    logger.info('Transfer recorded', { transferId: row.id, match: result.match, source: incoming.source, provider: incoming.provider });
    if (result.intent !== null) {
      wake(result.intent.id);
      await sendReceipt(result.intent, result.match, incoming.amountVnd);
    }
    const recorded = { ...row, match: result.match, payment_code: result.intent?.code ?? null, intent_id: result.intent?.id ?? null };
    // Only a transfer that paid bills has units to name (a statement import records many unmatched ones).
    const unitLabels = result.allocated > 0 ? await transferUnitLabels(db, row.id) : [];
    return { transfer: toTransfer(recorded, unitLabels), outcome: result.match as RecordOutcome };
  }

  async function recordTransfers(buildingId: string, inputs: readonly TransferInput[]): Promise<{ transferId: string | null; outcome: RecordOutcome }[]> {
    const account = await getPaymentAccount(db, buildingId);
    const out: ({ transferId: string | null; outcome: RecordOutcome } | null)[] = inputs.map(() => null);
    const todo: { index: number; row: RecordedTransferRow }[] = [];
    const now = clock().toISOString();
    inputs.forEach((input, index) => {
      const made = rowFor(buildingId, account, input, now);
      if (made === 'outgoing' || made === 'wrong_account') out[index] = { transferId: null, outcome: made };
      else todo.push({ index, row: made });
    });

    for (let start = 0; start < todo.length; start += TRANSFERS_PER_TRANSACTION) {
      const chunk = todo.slice(start, start + TRANSFERS_PER_TRANSACTION);
      const applied = await db.transaction().execute(async (trx) => {
        // In the statement's order: of two rows with one key, the first is recorded (as one by one).
        const inserted = await insertTransfersOnce(
          trx,
          chunk.map((c) => c.row),
        );
        const fresh = chunk.filter((c) => inserted.has(c.row.id));
        const candidates = new Map(fresh.map((c) => [c.row.id, paymentCodeCandidates(normalizeTransferContent(c.row.content))]));
        // Locked until commit, as recordTransfer locks them: intents, then their bills.
        const intents = new Map((await getIntentsByCodes(trx, buildingId, [...candidates.values()].flat(), { lock: true })).map((i) => [i.code, i]));
        const intentOf = (rowId: string): PaymentIntentRow | undefined => {
          for (const code of candidates.get(rowId) ?? []) {
            const found = intents.get(code);
            if (found !== undefined) return found;
          }
          return undefined;
        };
        const used = new Map<string, PaymentIntentRow>();
        for (const c of fresh) {
          const intent = intentOf(c.row.id);
          if (intent !== undefined) used.set(intent.id, intent);
        }
        const billIds = await getIntentBillIdsMany(trx, [...used.keys()].sort());
        const bills = new Map((await getPayableBills(trx, [...new Set([...billIds.values()].flat())], { lock: true })).map((b) => [b.id, b]));
        const orderOf = [...bills.keys()];

        // One by one in memory, each transfer seeing what the ones before it did.
        const state = new Map(used);
        const allocations: PaymentAllocationRow[] = [];
        const matches: { id: string; match: TransferMatch; paymentCode: string | null; intentId: string | null }[] = [];
        const done: { index: number; rowId: string; match: TransferMatch; intent: PaymentIntentRow | null; amountVnd: number }[] = [];
        const changedBills = new Set<string>();
        for (const c of chunk) {
          if (!inserted.has(c.row.id)) continue;
          const found = intentOf(c.row.id);
          if (found === undefined) {
            done.push({ index: c.index, rowId: c.row.id, match: 'unmatched', intent: null, amountVnd: c.row.amount_vnd });
            continue;
          }
          const intent = state.get(found.id)!;
          const ids = new Set(billIds.get(intent.id) ?? []);
          const its = orderOf.filter((id) => ids.has(id)).map((id) => bills.get(id)!);
          const result = settle(c.row.amount_vnd, intent, its, now);
          for (const p of result.parts) {
            bills.set(p.bill.id, { ...p.bill, paid_vnd: p.paidVnd, status: p.paidAt === null ? p.bill.status : 'paid' });
            changedBills.add(p.bill.id);
            allocations.push({ id: newId(), transfer_id: c.row.id, bill_id: p.bill.id, amount_vnd: p.part, created_at: now });
          }
          state.set(intent.id, result.intent);
          matches.push({ id: c.row.id, match: result.match, paymentCode: intent.code, intentId: intent.id });
          done.push({ index: c.index, rowId: c.row.id, match: result.match, intent: result.intent, amountVnd: c.row.amount_vnd });
        }
        // A bill paid in full keeps the time of the transfer that completed it.
        await setBillsPaid(
          trx,
          [...changedBills].map((id) => {
            const b = bills.get(id)!;
            return { id, paidVnd: b.paid_vnd, status: b.status, paidAt: b.status === 'paid' ? now : null };
          }),
        );
        await insertAllocations(trx, allocations);
        await setIntentsReceived(
          trx,
          [...state.values()].filter((i) => i !== used.get(i.id)).map((i) => ({ id: i.id, receivedVnd: i.received_vnd, status: i.status, paidAt: i.paid_at })),
          now,
        );
        await setTransferMatches(trx, matches);
        return done;
      });

      for (const d of applied) out[d.index] = { transferId: d.rowId, outcome: d.match as RecordOutcome };
      const duplicates = chunk.filter((c) => out[c.index] === null);
      if (duplicates.length > 0) {
        const earlier = await findRecordedTransfers(
          db,
          buildingId,
          duplicates.map((c) => ({ provider: c.row.provider, providerTxId: c.row.provider_tx_id, accountNumber: c.row.account_number, bankReference: c.row.bank_reference, amountVnd: c.row.amount_vnd })),
        );
        for (const c of duplicates) {
          const id = earlier.byTx.get(`${c.row.provider}|${c.row.provider_tx_id}`) ?? earlier.byReference.get(`${c.row.account_number}|${c.row.bank_reference}|${c.row.amount_vnd}`) ?? null;
          out[c.index] = { transferId: id, outcome: 'duplicate' };
        }
      }
      // After the commit: kiosks waiting on these intents, and the receipts.
      for (const d of applied) {
        if (d.intent === null) continue;
        wake(d.intent.id);
        await sendReceipt(d.intent, d.match, d.amountVnd);
      }
    }
    const recorded = out.filter((o) => o !== null && o.outcome !== 'duplicate' && o.transferId !== null).length;
    logger.info('Transfers recorded', { rows: inputs.length, recorded });
    return out.map((o) => o!);
  }

  /** The building whose secret verifies this webhook, or a typed refusal. */
  async function verifiedBuilding(provider: WebhookProvider, headers: Readonly<Record<string, string | string[] | undefined>>, body: Buffer): Promise<string> {
    const secrets = await listWebhookSecrets(db, provider);
    if (secrets.length === 0) {
      throw new KiotError('hub_unavailable', `No webhook secret is configured for provider "${provider}": the hub refuses its webhooks until one is set (docs/payments.md)`);
    }
    const header = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? undefined : value;
    };
    let stale = false;
    for (const s of secrets) {
      if (provider === 'generic') {
        const check = checkGenericSignature(header(GENERIC_SIGNATURE_HEADER), s.secret, body, clock());
        if (check === 'valid') return s.building_id;
        if (check === 'stale') stale = true;
      } else if (checkSepayApiKey(header('authorization'), s.secret)) {
        return s.building_id;
      }
    }
    throw new KiotError('unauthorized', stale ? 'Webhook signature too old (more than 5 minutes)' : 'Bad webhook signature');
  }

  function parseBody(provider: WebhookProvider, body: Buffer): TransferInput {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new KiotError('invalid_input', 'The webhook body is not JSON');
    }
    if (provider === 'generic') {
      const parsed = GenericTransferBody.safeParse(json);
      if (!parsed.success) throw new KiotError('invalid_input', `Not a transfer: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
      return genericTransfer(parsed.data);
    }
    const parsed = SepayTransferBody.safeParse(json);
    if (!parsed.success) throw new KiotError('invalid_input', `Not a SePay transaction: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
    return sepayTransfer(parsed.data);
  }

  return {
    async createIntent(payer, requested) {
      const billIds = [...new Set(requested)].sort();
      const bills = await getPayableBills(db, billIds);
      if (bills.length !== billIds.length || bills.some((b) => b.unit_id !== payer.unitId)) throw new KiotError('not_found', 'No such bill for this unit');
      if (bills.some((b) => remaining(b) === 0)) throw new KiotError('wrong_state', 'A bill is already paid');
      const account = await accountOf(payer.buildingId);
      // Paying the same bills again while their intent is open shows the same code.
      const same = (await listOpenIntents(db, payer.unitId)).find((i) => i.billIds.length === billIds.length && i.billIds.every((id, k) => id === billIds[k]));
      if (same !== undefined) return toIntent(same, same.billIds, account);

      const now = clock();
      const amount = bills.reduce((sum, b) => sum + remaining(b), 0);
      for (let attempt = 1; ; attempt++) {
        const row: PaymentIntentRow = {
          id: newId(),
          building_id: payer.buildingId,
          resident_id: payer.id,
          unit_id: payer.unitId,
          code: newPaymentCode(random),
          amount_vnd: amount,
          received_vnd: 0,
          status: 'open',
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + INTENT_LIFETIME_MS).toISOString(),
          paid_at: null,
          flagged_at: null,
          closed_at: null,
          closed_reason: null,
          updated_at: now.toISOString(),
        };
        try {
          await db.transaction().execute((trx) => insertIntent(trx, row, billIds));
          logger.info('Payment intent opened', { intentId: row.id, bills: billIds.length });
          return toIntent(row, billIds, account);
        } catch (err) {
          // A code already taken (1 in ~10¹¹ per open intent): draw another.
          if (attempt >= CODE_ATTEMPTS || !/unique|duplicate key/i.test(err instanceof Error ? err.message : '')) throw err;
        }
      }
    },

    async wait(payer, id, opts) {
      let row = await ownedIntent(payer, id);
      if (opts.seen !== undefined && row.status === opts.seen && opts.waitMs > 0) {
        await new Promise<void>((resolve) => {
          const set = waiters.get(id) ?? new Set<() => void>();
          waiters.set(id, set);
          let polling = false;
          const finish = (): void => {
            clearTimeout(timer);
            clearInterval(poll);
            set.delete(finish);
            if (set.size === 0) waiters.delete(id);
            resolve();
          };
          const timer = setTimeout(finish, opts.waitMs);
          // Another hub may record the transfer: its commit is seen here within one period.
          const poll = setInterval(() => {
            if (polling) return;
            polling = true;
            getIntent(db, id).then(
              (fresh) => {
                polling = false;
                if (fresh !== undefined && fresh.status !== opts.seen) finish();
              },
              () => {
                polling = false;
              },
            );
          }, PAYMENT_REPOLL_MS);
          set.add(finish);
        });
        row = await ownedIntent(payer, id);
      }
      return view(payer, row);
    },

    async cancel(payer, id) {
      const row = await ownedIntent(payer, id);
      if (row.status !== 'open') throw new KiotError('wrong_state', 'Only an open payment can be cancelled');
      const now = clock().toISOString();
      const change = { status: 'cancelled' as const, closed_at: now, closed_reason: 'resident', updated_at: now };
      await updateIntent(db, id, change);
      wake(id);
      return (await view(payer, { ...row, ...change })).payment;
    },

    async receiveWebhook(provider, raw) {
      const buildingId = await verifiedBuilding(provider, raw.headers, raw.body);
      const { outcome } = await recordTransfer(buildingId, parseBody(provider, raw.body));
      return outcome === 'outgoing' || outcome === 'wrong_account' ? 'ignored' : outcome;
    },

    recordTransfer,

    recordTransfers,

    async setAccount(buildingId, account) {
      await putPaymentAccount(db, {
        building_id: buildingId,
        bank_bin: account.bankBin,
        bank_name: account.bankName,
        account_number: account.accountNumber,
        account_name: account.accountName,
        updated_at: clock().toISOString(),
      });
    },

    async setWebhookSecret(buildingId, provider, secret) {
      if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) throw new KiotError('invalid_input', `A webhook secret needs at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
      await putWebhookSecret(db, { building_id: buildingId, provider, secret, created_at: clock().toISOString() });
    },

    async sweep() {
      const expired = await expireStaleIntents(db, clock().toISOString());
      if (expired > 0) logger.info('Payment intents expired', { expired });
      return { expired };
    },

    close() {
      for (const set of [...waiters.values()]) for (const w of [...set]) w();
    },
  };
}

type TransferFields = Pick<
  BankTransferRow,
  'id' | 'source' | 'provider' | 'provider_tx_id' | 'amount_vnd' | 'content' | 'account_number' | 'received_at' | 'match' | 'payment_code' | 'intent_id' | 'resolved_at' | 'resolved_by' | 'resolution_reason'
>;

/** A stored transfer as the console and the matching outcome show it (one mapping for both services). */
export function toTransfer(row: TransferFields, unitLabels: readonly string[]): BankTransfer {
  return {
    id: row.id,
    source: row.source,
    provider: row.provider,
    providerTxId: row.provider_tx_id,
    amountVnd: row.amount_vnd,
    content: row.content,
    accountNumber: row.account_number,
    receivedAt: row.received_at,
    match: row.match,
    paymentCode: row.payment_code,
    intentId: row.intent_id,
    unitLabels: [...unitLabels],
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolutionReason: row.resolution_reason,
  };
}
