/** Staff sign-in tables (migration 0012): credentials, sign-in challenges and console sessions. */
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../shared/domain';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';
import type { StaffTables } from './staff';

export type StaffCredentialRow = {
  staff_id: string;
  /** Lower-cased. */
  username: string;
  password_hash: string;
  must_change_password: number;
  phone_e164: string;
  email: string | null;
  failed_attempts: number;
  locked_until: string | null;
  disabled_at: string | null;
  password_changed_at: string;
  updated_at: string;
};

export type StaffSignInChallengeRow = {
  id: string;
  staff_id: string;
  device_id: string;
  code_hmac: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
};

export type StaffSessionRow = {
  id: string;
  token_hash: string;
  staff_id: string;
  device_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  locked_at: string | null;
  revoked_at: string | null;
};

export type StaffAuthTables = StaffTables & {
  staff_credentials: StaffCredentialRow;
  staff_sign_in_challenges: StaffSignInChallengeRow;
  staff_sessions: StaffSessionRow;
};

/** A staff member with their sign-in details, as sign-in and authentication need them. */
export type StaffAccount = StaffCredentialRow & { building_id: string | null; full_name: string; role: StaffRole };

type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & StaffAuthTables> {
  return db.withTables<StaffAuthTables>();
}

const accountColumns = [
  'c.staff_id',
  'c.username',
  'c.password_hash',
  'c.must_change_password',
  'c.phone_e164',
  'c.email',
  'c.failed_attempts',
  'c.locked_until',
  'c.disabled_at',
  'c.password_changed_at',
  'c.updated_at',
  'm.building_id',
  'm.full_name',
  'm.role',
] as const;

export async function insertStaffCredential(db: Db, row: StaffCredentialRow): Promise<void> {
  await tables(db).insertInto('staff_credentials').values(row).execute();
}

export async function findStaffAccountByUsername(db: Db, username: string): Promise<StaffAccount | undefined> {
  return tables(db)
    .selectFrom('staff_credentials as c')
    .innerJoin('staff_members as m', 'm.id', 'c.staff_id')
    .select(accountColumns)
    .where('c.username', '=', username)
    .executeTakeFirst();
}

export async function getStaffAccount(db: Db, staffId: string): Promise<StaffAccount | undefined> {
  return tables(db)
    .selectFrom('staff_credentials as c')
    .innerJoin('staff_members as m', 'm.id', 'c.staff_id')
    .select(accountColumns)
    .where('c.staff_id', '=', staffId)
    .executeTakeFirst();
}

/**
 * Counts one failed password and, when the count reaches `maxFailures`, locks the account
 * until `lockUntil` and starts the count again. One statement each, so two hubs counting at
 * once never lose a failure. Returns the lock time when this failure locked the account.
 */
export async function recordStaffPasswordFailure(db: Db, staffId: string, maxFailures: number, lockUntil: string, now: string): Promise<string | null> {
  const row = await tables(db)
    .updateTable('staff_credentials')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1), updated_at: now }))
    .where('staff_id', '=', staffId)
    .returning('failed_attempts')
    .executeTakeFirst();
  if (!row || row.failed_attempts < maxFailures) return null;
  await tables(db).updateTable('staff_credentials').set({ failed_attempts: 0, locked_until: lockUntil, updated_at: now }).where('staff_id', '=', staffId).execute();
  return lockUntil;
}

export async function clearStaffPasswordFailures(db: Db, staffId: string, now: string): Promise<void> {
  await tables(db)
    .updateTable('staff_credentials')
    .set({ failed_attempts: 0, locked_until: null, updated_at: now })
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('failed_attempts', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

export async function setStaffPassword(db: Db, staffId: string, passwordHash: string, mustChange: boolean, now: string): Promise<void> {
  await tables(db)
    .updateTable('staff_credentials')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: now, failed_attempts: 0, locked_until: null, updated_at: now })
    .where('staff_id', '=', staffId)
    .execute();
}

export async function insertStaffSignInChallenge(db: Db, row: StaffSignInChallengeRow): Promise<void> {
  await tables(db).insertInto('staff_sign_in_challenges').values(row).execute();
}

export async function getStaffSignInChallenge(db: Db, id: string): Promise<StaffSignInChallengeRow | undefined> {
  return tables(db).selectFrom('staff_sign_in_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One more wrong code; returns the new count. */
export async function countStaffChallengeAttempt(db: Db, id: string): Promise<number> {
  const row = await tables(db)
    .updateTable('staff_sign_in_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? Number.MAX_SAFE_INTEGER;
}

/** Uses the challenge up; false when another request already did (single use under races). */
export async function consumeStaffSignInChallenge(db: Db, id: string, now: string): Promise<boolean> {
  const result = await tables(db).updateTable('staff_sign_in_challenges').set({ consumed_at: now }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Older unused challenges of this member stop working when a new one is issued. */
export async function retireStaffSignInChallenges(db: Db, staffId: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sign_in_challenges').set({ consumed_at: now }).where('staff_id', '=', staffId).where('consumed_at', 'is', null).execute();
}

export async function insertStaffSession(db: Db, row: StaffSessionRow): Promise<void> {
  await tables(db).insertInto('staff_sessions').values(row).execute();
}

/** A session by its token hash with its member's account, in one query: every staff request runs it. */
export async function findStaffSessionWithAccount(db: Db, tokenHash: string): Promise<{ session: StaffSessionRow; account: StaffAccount } | undefined> {
  const row = await tables(db)
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_credentials as c', 'c.staff_id', 's.staff_id')
    .innerJoin('staff_members as m', 'm.id', 's.staff_id')
    .select(['s.id as session_id', 's.token_hash', 's.device_id', 's.created_at as session_created_at', 's.last_seen_at', 's.expires_at', 's.locked_at', 's.revoked_at'])
    .select(accountColumns)
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { session_id, token_hash, device_id, session_created_at, last_seen_at, expires_at, locked_at, revoked_at, ...account } = row;
  return {
    session: { id: session_id, token_hash, staff_id: account.staff_id, device_id, created_at: session_created_at, last_seen_at, expires_at, locked_at, revoked_at },
    account,
  };
}

export async function getStaffSession(db: Db, id: string): Promise<StaffSessionRow | undefined> {
  return tables(db).selectFrom('staff_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchStaffSession(db: Db, id: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', id).where('locked_at', 'is', null).execute();
}

export async function lockStaffSession(db: Db, id: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sessions').set({ locked_at: now }).where('id', '=', id).where('locked_at', 'is', null).execute();
}

export async function unlockStaffSession(db: Db, id: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sessions').set({ locked_at: null, last_seen_at: now }).where('id', '=', id).execute();
}

/** Closes every other open session of the member (after a password change). */
export async function revokeOtherStaffSessions(db: Db, staffId: string, keepSessionId: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sessions').set({ revoked_at: now }).where('staff_id', '=', staffId).where('id', '<>', keepSessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeStaffSession(db: Db, id: string, now: string): Promise<void> {
  await tables(db).updateTable('staff_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
