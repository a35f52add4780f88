import type { HubDb, HubTrx } from './connect';
import type { OtpRequestRow, OtpSendRow } from './schema';

type Db = HubDb | HubTrx;

export type SendScope = { phoneHmac: string } | { deviceId: string } | 'all';

/** Sends in `(since, ∞)` for a scope, with the oldest one (to compute when the window frees up). */
export async function sendsSince(db: Db, scope: SendScope, since: string): Promise<{ count: number; oldest: string | null; newest: string | null }> {
  let query = db
    .selectFrom('otp_sends')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('sent_at').as('oldest'), eb.fn.max('sent_at').as('newest')])
    .where('sent_at', '>', since);
  if (scope !== 'all') {
    query = 'phoneHmac' in scope ? query.where('phone_hmac', '=', scope.phoneHmac) : query.where('device_id', '=', scope.deviceId);
  }
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ?? null, newest: row.newest ?? null };
}

export async function insertOtpSend(db: Db, row: OtpSendRow): Promise<void> {
  await db.insertInto('otp_sends').values(row).execute();
}

export async function insertOtpRequest(db: Db, row: OtpRequestRow): Promise<void> {
  await db.insertInto('otp_requests').values(row).execute();
}

/** A new code replaces any still-open one for the same number: one live code per number. */
export async function supersedeOpenRequests(db: Db, phoneHmac: string, now: string): Promise<void> {
  await db
    .updateTable('otp_requests')
    .set({ superseded_at: now })
    .where('phone_hmac', '=', phoneHmac)
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function getOtpRequest(db: Db, id: string): Promise<OtpRequestRow | undefined> {
  return db.selectFrom('otp_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts one wrong attempt; returns the new count, or null if the request was already closed. */
export async function recordWrongAttempt(db: Db, id: string, maxAttempts: number): Promise<number | null> {
  const row = await db
    .updateTable('otp_requests')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', maxAttempts)
    .where('consumed_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return row ? row.attempts : null;
}

/** Single use: true only for the one caller that closes the request. */
export async function consumeOtpRequest(db: Db, id: string, maxAttempts: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('otp_requests')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('attempts', '<', maxAttempts)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
