/** SQL of `contact_changes`: phone and email changes and their code digests. */
import type { Updateable } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import { profileTables } from './profile-schema';
import type { ContactChangeRow, ProfileTables } from './profile-schema';

type Db = HubDb | HubTrx;

export async function insertContactChange(db: Db, row: ContactChangeRow): Promise<void> {
  await profileTables(db).insertInto('contact_changes').values(row).execute();
}

/** A change of this resident's, or undefined (also for another resident's id). */
export async function getContactChange(db: Db, residentId: string, id: string): Promise<ContactChangeRow | undefined> {
  return profileTables(db).selectFrom('contact_changes').selectAll().where('id', '=', id).where('resident_id', '=', residentId).executeTakeFirst();
}

export async function getContactChangeById(db: Db, id: string): Promise<ContactChangeRow | undefined> {
  return profileTables(db).selectFrom('contact_changes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The resident's open (pending) change of a kind, newest first. */
export async function findPendingContactChange(db: Db, residentId: string, kind: ContactChangeRow['kind']): Promise<ContactChangeRow | undefined> {
  return profileTables(db)
    .selectFrom('contact_changes')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Changes a resident started after `since` (rate limit), with the oldest one's time. */
export async function countContactChangesSince(db: Db, residentId: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await profileTables(db)
    .selectFrom('contact_changes')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('resident_id', '=', residentId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ?? null };
}

/**
 * Updates a change only if it is still in the status the caller read: a concurrent verify
 * or decision that got there first makes this return false instead of overwriting it.
 */
export async function updateContactChange(
  db: Db,
  id: string,
  expectedStatus: ContactChangeRow['status'],
  set: Updateable<ProfileTables['contact_changes']>,
): Promise<boolean> {
  const result = await profileTables(db).updateTable('contact_changes').set(set).where('id', '=', id).where('status', '=', expectedStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts one wrong code for a target; returns the new count, or null if the change is no longer pending. */
export async function recordWrongContactCode(db: Db, id: string, target: 'old' | 'new', maxAttempts: number): Promise<number | null> {
  const t = profileTables(db);
  const row =
    target === 'old'
      ? await t
          .updateTable('contact_changes')
          .set((eb) => ({ old_attempts: eb('old_attempts', '+', 1) }))
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .where('old_attempts', '<', maxAttempts)
          .returning('old_attempts as attempts')
          .executeTakeFirst()
      : await t
          .updateTable('contact_changes')
          .set((eb) => ({ new_attempts: eb('new_attempts', '+', 1) }))
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .where('new_attempts', '<', maxAttempts)
          .returning('new_attempts as attempts')
          .executeTakeFirst();
  return row ? row.attempts : null;
}

/** The resident's most recent changes, newest first. */
export async function listContactChanges(db: Db, residentId: string, limit: number): Promise<ContactChangeRow[]> {
  return profileTables(db)
    .selectFrom('contact_changes')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
