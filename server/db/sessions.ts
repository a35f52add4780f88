import type { HubDb, HubTrx } from './connect';
import type { ResidentSessionRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertResidentSession(db: Db, row: ResidentSessionRow): Promise<void> {
  await db.insertInto('resident_sessions').values(row).execute();
}

export async function findResidentSession(db: Db, tokenHash: string): Promise<ResidentSessionRow | undefined> {
  return db.selectFrom('resident_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
