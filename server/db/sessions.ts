import type { HubDb, HubTrx } from './connect';
import type { ResidentSessionRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertResidentSession(db: Db, row: ResidentSessionRow): Promise<void> {
  await db.insertInto('resident_sessions').values(row).execute();
}

/** Closes a session; a session already closed keeps its first revocation time. */
export async function revokeResidentSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('resident_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function findResidentSession(db: Db, tokenHash: string): Promise<ResidentSessionRow | undefined> {
  return db.selectFrom('resident_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
