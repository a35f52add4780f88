import type { HubDb, HubTrx } from './connect';
import { residentProfileColumns } from './residents';
import type { ResidentProfile } from './residents';
import type { ResidentSessionRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertResidentSession(db: Db, row: ResidentSessionRow): Promise<void> {
  await db.insertInto('resident_sessions').values(row).execute();
}

/** Closes a session; a session already closed keeps its first revocation time. */
export async function revokeResidentSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('resident_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/**
 * A session by its token hash with its resident's profile, in one query: every resident
 * request is authenticated with it. Undefined when no session has that hash or its resident
 * is gone.
 */
export async function findResidentSessionWithProfile(db: Db, tokenHash: string): Promise<{ session: ResidentSessionRow; profile: ResidentProfile } | undefined> {
  const row = await db
    .selectFrom('resident_sessions as s')
    .innerJoin('residents as r', 'r.id', 's.resident_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .select(['s.id as session_id', 's.token_hash as token_hash', 's.device_id as device_id', 's.created_at as created_at', 's.expires_at as expires_at', 's.revoked_at as revoked_at'])
    .select(residentProfileColumns)
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { session_id, token_hash, device_id, created_at, expires_at, revoked_at, ...profile } = row;
  return { session: { id: session_id, token_hash, resident_id: profile.id, device_id, created_at, expires_at, revoked_at }, profile };
}
