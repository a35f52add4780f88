/** Idempotency records of pushed operations, and the session lookup that push needs. */
import type { ErrorCode } from '../../shared/result';
import type { HubDb, HubTrx } from './connect';
import type { ResidentSessionRow } from './schema';
import { syncTables } from './sync-schema';
import type { SyncOperationRow } from './sync-schema';

type Db = HubDb | HubTrx;

/**
 * Writes the record unless the id exists. False means another request holds the id; on
 * PostgreSQL a concurrent holder makes this wait until it commits or rolls back.
 */
export async function claimSyncOperation(trx: HubTrx, row: SyncOperationRow): Promise<boolean> {
  const inserted = await syncTables(trx)
    .insertInto('sync_operations')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function getSyncOperation(db: Db, id: string): Promise<SyncOperationRow | undefined> {
  return syncTables(db).selectFrom('sync_operations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSyncOperationRejected(trx: HubTrx, id: string, error: { code: ErrorCode; message: string }): Promise<void> {
  await syncTables(trx).updateTable('sync_operations').set({ status: 'rejected', error_code: error.code, error_message: error.message }).where('id', '=', id).execute();
}

export async function findResidentSessionById(db: Db, id: string): Promise<ResidentSessionRow | undefined> {
  return db.selectFrom('resident_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}
