/** SQL of `correction_requests`: name and contact-address corrections awaiting the management. */
import type { HubDb, HubTrx } from './connect';
import { profileTables } from './profile-schema';
import type { CorrectionRequestRow } from './profile-schema';

type Db = HubDb | HubTrx;

export async function insertCorrectionRequest(db: Db, row: CorrectionRequestRow): Promise<void> {
  await profileTables(db).insertInto('correction_requests').values(row).execute();
}

export async function getCorrectionRequest(db: Db, id: string): Promise<CorrectionRequestRow | undefined> {
  return profileTables(db).selectFrom('correction_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes a request still `received`; false when someone decided it first. */
export async function decideCorrectionRequest(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; reason: string | null; decidedBy: string; decidedAt: string },
): Promise<boolean> {
  const result = await profileTables(db)
    .updateTable('correction_requests')
    .set({ status: decision.status, reason: decision.reason, decided_by: decision.decidedBy, decided_at: decision.decidedAt })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The resident's most recent requests, newest first. */
export async function listCorrectionRequests(db: Db, residentId: string, limit: number): Promise<CorrectionRequestRow[]> {
  return profileTables(db)
    .selectFrom('correction_requests')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
