/**
 * The queries of the deletion executor (services/erasure.ts): find and claim a due deletion,
 * read the contact for the final notice, erase every row and field that holds the resident's
 * personal data, and compact the storage afterwards so the erased bytes do not linger.
 *
 * What holds resident data (migrations 0001-0011): `residents` (name, phone, email, contact
 * address); `resident_sessions` (their sessions) and the `sync_operations` pushed in them;
 * `otp_requests` (by resident id and by the number's HMAC) and `otp_sends` (by the HMAC);
 * `consent_records` and `consent_receipt_prefs`; `contact_changes` (new numbers and emails);
 * `correction_requests` (new names and addresses); and the free text and prepared exports of
 * the resident's own `data_requests`. Bills hang on units, not residents, and stay.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { RequestEventAction, RequestStatus } from '../../shared/requests';
import { dialectOf } from './connect';
import type { HubDb, HubTrx } from './connect';
import type { ConsentReceiptPrefRow, ConsentRecordRow } from './consents';
import type { ProfileTables } from './profile-schema';
import type { Database } from './schema';
import type { SyncOperationRow } from './sync-schema';

type Db = HubDb | HubTrx;

/** The columns of migration 0011 this module reads or writes. */
type DeletionRequestRow = {
  id: string;
  building_id: string;
  resident_id: string;
  kind: string;
  status: RequestStatus;
  details: string | null;
  erase_at: string | null;
  final_notice_channel: 'sms' | 'email' | 'none' | null;
  export_json: string | null;
  export_summary: string | null;
  refusal_reason: string | null;
  closed_at: string | null;
  erased_at: string | null;
  updated_at: string;
};

type RequestEventRow = {
  id: string;
  request_id: string;
  at: string;
  action: RequestEventAction;
  actor_kind: 'resident' | 'staff' | 'system';
  actor_id: string | null;
  reason: string | null;
};

type ErasureTables = ProfileTables & {
  data_requests: DeletionRequestRow;
  data_request_events: RequestEventRow;
  consent_records: ConsentRecordRow;
  consent_receipt_prefs: ConsentReceiptPrefRow;
  sync_operations: SyncOperationRow;
};

function tables(db: Db): Kysely<Database & ErasureTables> {
  return db.withTables<ErasureTables>();
}

/** A deletion may run while it is in one of these; `on_hold` and the closed ones stop it. */
export const ERASABLE_STATUSES = ['received', 'acknowledged', 'in_progress'] as const satisfies readonly RequestStatus[];

export type ClaimedDeletion = {
  id: string;
  buildingId: string;
  residentId: string;
  finalNotice: 'sms' | 'email' | 'none';
};

/**
 * Claims the next due deletion (erase_at reached, still erasable) inside `trx`, skipping
 * `exclude` (those that failed earlier in this run). PostgreSQL: the row is locked with
 * `FOR UPDATE SKIP LOCKED`, so another hub running the executor at the same moment takes a
 * different one or none, and the status is read after the lock. SQLite: the transaction
 * is the lock; it starts by writing the row so that it holds the database's write lock
 * before it reads (a deferred read-then-write transaction could lose a race with another
 * process on the same file). Undefined when nothing is due.
 */
export async function claimNextDueDeletion(trx: HubTrx, nowIso: string, exclude: readonly string[]): Promise<ClaimedDeletion | undefined> {
  const t = tables(trx);
  const due = t
    .selectFrom('data_requests')
    .select(['id', 'building_id', 'resident_id', 'final_notice_channel', 'status'])
    .where('kind', '=', 'deletion')
    .where('status', 'in', ERASABLE_STATUSES)
    .where('erase_at', '<=', nowIso)
    .$if(exclude.length > 0, (q) => q.where('id', 'not in', exclude))
    .orderBy('erase_at')
    .orderBy('id')
    .limit(1);
  let row;
  if (dialectOf(trx) === 'postgres') {
    row = await due.forUpdate().skipLocked().executeTakeFirst();
  } else {
    await t
      .updateTable('data_requests')
      .set({ updated_at: nowIso })
      .where('id', '=', (eb) => eb.selectFrom(due.as('d')).select('d.id'))
      .execute();
    row = await due.executeTakeFirst();
  }
  if (!row) return undefined;
  return { id: row.id, buildingId: row.building_id, residentId: row.resident_id, finalNotice: row.final_notice_channel ?? 'none' };
}

export type ResidentContact = { buildingId: string; phoneE164: string; email: string | null };

export async function getResidentForErasure(db: Db, residentId: string): Promise<ResidentContact | undefined> {
  const row = await tables(db).selectFrom('residents').select(['building_id', 'phone_e164', 'email']).where('id', '=', residentId).executeTakeFirst();
  return row && { buildingId: row.building_id, phoneE164: row.phone_e164, email: row.email };
}

/** Every number the resident has had or asked for: their login codes were counted by these. */
export async function listResidentPhones(db: Db, residentId: string): Promise<string[]> {
  const rows = await tables(db).selectFrom('contact_changes').select('new_value').where('resident_id', '=', residentId).where('kind', '=', 'phone').execute();
  return rows.flatMap((r) => (r.new_value === null ? [] : [r.new_value]));
}

export type ErasedCounts = Record<string, number>;

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Erases everything the hub holds about the resident, in the caller's transaction. The
 * dependants go first (foreign keys), the residents row last. `phoneHmacs` are the HMACs of
 * the resident's numbers known to the caller, for the OTP rows that carry no resident id.
 */
export async function eraseResidentRows(trx: HubTrx, residentId: string, phoneHmacs: readonly string[]): Promise<ErasedCounts> {
  const t = tables(trx);
  const counts: ErasedCounts = {};
  const add = (table: string, n: bigint | number | undefined): void => {
    counts[table] = (counts[table] ?? 0) + Number(n ?? 0);
  };

  const sessionIds = (await t.selectFrom('resident_sessions').select('id').where('resident_id', '=', residentId).execute()).map((r) => r.id);
  for (const ids of chunks(sessionIds)) {
    add('sync_operations', (await t.deleteFrom('sync_operations').where('session_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  }
  add('resident_sessions', (await t.deleteFrom('resident_sessions').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  // The codes they asked for carry the HMAC of the number used, including a number they had
  // before a phone change (no longer stored anywhere else): its send records go too.
  const usedHmacs = (await t.selectFrom('otp_requests').select('phone_hmac').distinct().where('resident_id', '=', residentId).execute()).map((r) => r.phone_hmac);
  add('otp_requests', (await t.deleteFrom('otp_requests').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  for (const hmacs of chunks([...new Set([...phoneHmacs, ...usedHmacs])])) {
    add('otp_requests', (await t.deleteFrom('otp_requests').where('phone_hmac', 'in', hmacs).executeTakeFirst()).numDeletedRows);
    add('otp_sends', (await t.deleteFrom('otp_sends').where('phone_hmac', 'in', hmacs).executeTakeFirst()).numDeletedRows);
  }
  add('consent_records', (await t.deleteFrom('consent_records').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  add('consent_receipt_prefs', (await t.deleteFrom('consent_receipt_prefs').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  add('contact_changes', (await t.deleteFrom('contact_changes').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  add('correction_requests', (await t.deleteFrom('correction_requests').where('resident_id', '=', residentId).executeTakeFirst()).numDeletedRows);
  // The requests stay (their history is the proof the law asks for), without what the
  // resident wrote in them or the copy of their data an export prepared.
  add(
    'data_requests',
    (
      await t
        .updateTable('data_requests')
        .set({ details: null, export_json: null, export_summary: null })
        .where('resident_id', '=', residentId)
        .where((eb) => eb.or([eb('details', 'is not', null), eb('export_json', 'is not', null), eb('export_summary', 'is not', null)]))
        .executeTakeFirst()
    ).numUpdatedRows,
  );
  add('residents', (await t.deleteFrom('residents').where('id', '=', residentId).executeTakeFirst()).numDeletedRows);
  return counts;
}

/**
 * The resident's exports still waiting: with nobody left to send them to, they are refused
 * (`resident_erased`). Closing them here, in the erasure's transaction, also stops an export
 * run that read the resident just before the erasure from writing that copy back afterwards:
 * it re-checks the status under its own lock and finds the request closed.
 */
export async function refuseOpenExports(trx: HubTrx, residentId: string, nowIso: string): Promise<string[]> {
  const t = tables(trx);
  const open = await t
    .selectFrom('data_requests')
    .select('id')
    .where('resident_id', '=', residentId)
    .where('kind', '=', 'export')
    .where('status', 'in', ['received', 'acknowledged', 'in_progress', 'on_hold'])
    .execute();
  const ids = open.map((r) => r.id);
  for (const batch of chunks(ids)) {
    await t
      .updateTable('data_requests')
      .set({ status: 'refused', refusal_reason: 'resident_erased', closed_at: nowIso, updated_at: nowIso, export_json: null, export_summary: null })
      .where('id', 'in', batch)
      .execute();
  }
  return ids;
}

export async function markDeletionDone(trx: HubTrx, requestId: string, nowIso: string): Promise<boolean> {
  const result = await tables(trx)
    .updateTable('data_requests')
    .set({ status: 'done', closed_at: nowIso, erased_at: nowIso, updated_at: nowIso })
    .where('id', '=', requestId)
    .where('status', 'in', ERASABLE_STATUSES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertErasureEvent(trx: HubTrx, row: RequestEventRow): Promise<void> {
  await tables(trx).insertInto('data_request_events').values(row).execute();
}

/** The tables an erasure deletes from or rewrites, for the compaction after a batch. */
const TOUCHED_TABLES = [
  'residents',
  'resident_sessions',
  'sync_operations',
  'otp_requests',
  'otp_sends',
  'consent_records',
  'consent_receipt_prefs',
  'contact_changes',
  'correction_requests',
  'data_requests',
] as const;

export type CompactionResult = { dialect: 'sqlite'; walCheckpointed: boolean } | { dialect: 'postgres'; vacuumed: string[] };

/**
 * After a batch, outside any transaction. SQLite (with `secure_delete` on, see connect.ts)
 * has already zeroed the freed space in the pages it wrote; the checkpoint copies those
 * pages into the database file and truncates the -wal, whose older frames still held the
 * rows as they were before. PostgreSQL keeps dead row versions until a vacuum: a plain
 * VACUUM makes their space reusable (docs/erasure.md says what the operator adds).
 */
export async function compactAfterErasure(db: HubDb): Promise<CompactionResult> {
  if (dialectOf(db) === 'sqlite') {
    const result = await sql<{ busy: number; log: number; checkpointed: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const row = result.rows[0];
    return { dialect: 'sqlite', walCheckpointed: row !== undefined && Number(row.busy) === 0 };
  }
  const vacuumed: string[] = [];
  for (const table of TOUCHED_TABLES) {
    await sql`vacuum ${sql.table(table)}`.execute(db);
    vacuumed.push(table);
  }
  return { dialect: 'postgres', vacuumed };
}
