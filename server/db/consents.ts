/** Consent records and receipt preferences (migration 0007). */
import type { Kysely } from 'kysely';
import type { ConsentChannel, ReceiptChannel } from '../../shared/consents';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type ConsentRecordRow = {
  id: string;
  resident_id: string;
  purpose_id: string;
  /** 1 granted, 0 withdrawn. */
  granted: number;
  policy_version: number;
  channel: ConsentChannel;
  device_id: string | null;
  actor_kind: 'resident' | 'staff';
  actor_id: string;
  operation_id: string | null;
  recorded_at: string;
};

export type ConsentReceiptPrefRow = { resident_id: string; channel: ReceiptChannel; updated_at: string };

type ConsentTables = { consent_records: ConsentRecordRow; consent_receipt_prefs: ConsentReceiptPrefRow };
type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & ConsentTables> {
  return db.withTables<ConsentTables>();
}

export async function insertConsentRecord(db: Db, row: ConsentRecordRow): Promise<void> {
  await tables(db).insertInto('consent_records').values(row).execute();
}

/**
 * The latest record of each purpose for a resident: their current choices. Ties on the
 * instant are broken by id, which the hub generates time-ordered.
 */
export async function latestConsentRecords(db: Db, residentId: string): Promise<ConsentRecordRow[]> {
  const rows = await tables(db)
    .selectFrom('consent_records')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, ConsentRecordRow>();
  for (const row of rows) if (!latest.has(row.purpose_id)) latest.set(row.purpose_id, row);
  return [...latest.values()];
}

/** Every record of a resident, oldest first (the history, and what tests check). */
export async function listConsentRecords(db: Db, residentId: string): Promise<ConsentRecordRow[]> {
  return tables(db).selectFrom('consent_records').selectAll().where('resident_id', '=', residentId).orderBy('recorded_at').orderBy('id').execute();
}

export async function getReceiptChannel(db: Db, residentId: string): Promise<ReceiptChannel | undefined> {
  const row = await tables(db).selectFrom('consent_receipt_prefs').select('channel').where('resident_id', '=', residentId).executeTakeFirst();
  return row?.channel;
}

export async function putReceiptChannel(db: Db, row: ConsentReceiptPrefRow): Promise<void> {
  await tables(db)
    .insertInto('consent_receipt_prefs')
    .values(row)
    .onConflict((oc) => oc.column('resident_id').doUpdateSet({ channel: row.channel, updated_at: row.updated_at }))
    .execute();
}

/** The resident's contact points for notices; never logged. */
export async function getResidentContact(db: Db, residentId: string): Promise<{ building_id: string; phone_e164: string; email: string | null } | undefined> {
  return db.selectFrom('residents').select(['building_id', 'phone_e164', 'email']).where('id', '=', residentId).executeTakeFirst();
}
