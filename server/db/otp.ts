import type { ExpressionBuilder, Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database, OtpRequestRow, OtpSendRow } from './schema';

type Db = HubDb | HubTrx;

/**
 * What a code proves (migration 0011): signing in, or confirming a deletion request. A code
 * sent for one purpose is never accepted for another.
 */
export type OtpPurpose = 'login' | 'deletion';

export type PurposedOtpRequestRow = OtpRequestRow & { purpose: OtpPurpose };

type OtpTables = { otp_requests: PurposedOtpRequestRow };

function otpTables(db: Db): Kysely<Database & OtpTables> {
  return db.withTables<OtpTables>();
}

/**
 * Which sends a limit counts. A number is counted per building (through the sending
 * device, whose building never changes): kiosks elsewhere cannot use up a resident's sends.
 */
export type SendScope = { phoneHmac: string; buildingId: string } | { deviceId: string } | { buildingId: string } | 'all';

/** Sends in `(since, ∞)` for a scope, with the oldest one (to compute when the window frees up). */
export async function sendsSince(db: Db, scope: SendScope, since: string): Promise<{ count: number; oldest: string | null; newest: string | null }> {
  const counted = (eb: ExpressionBuilder<Database, 'otp_sends'>) =>
    [eb.fn.countAll<number>().as('count'), eb.fn.min('otp_sends.sent_at').as('oldest'), eb.fn.max('otp_sends.sent_at').as('newest')] as const;
  let query;
  if (scope === 'all') {
    query = db.selectFrom('otp_sends').select(counted).where('otp_sends.sent_at', '>', since);
  } else if ('deviceId' in scope) {
    query = db.selectFrom('otp_sends').select(counted).where('otp_sends.device_id', '=', scope.deviceId).where('otp_sends.sent_at', '>', since);
  } else {
    // Through devices_building_idx and the device's primary key, never a scan (see otp-query-plans.test.ts).
    query = db
      .selectFrom('otp_sends')
      .innerJoin('devices', 'devices.id', 'otp_sends.device_id')
      .select(counted)
      .where('devices.building_id', '=', scope.buildingId)
      .where('otp_sends.sent_at', '>', since);
    if ('phoneHmac' in scope) query = query.where('otp_sends.phone_hmac', '=', scope.phoneHmac);
  }
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ?? null, newest: row.newest ?? null };
}

/**
 * The newest code of `purpose` sent to a number from the kiosks of one building after `since`
 * (through otp_requests_phone_idx), or null.
 */
export async function newestRequestOfPurpose(db: Db, phoneHmac: string, buildingId: string, purpose: OtpPurpose, since: string): Promise<string | null> {
  const row = await otpTables(db)
    .selectFrom('otp_requests')
    .select((eb) => eb.fn.max('otp_requests.created_at').as('newest'))
    .where('phone_hmac', '=', phoneHmac)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.building_id', '=', buildingId))
    .executeTakeFirst();
  return row?.newest ?? null;
}

export async function insertOtpSend(db: Db, row: OtpSendRow): Promise<void> {
  await db.insertInto('otp_sends').values(row).execute();
}

export async function insertOtpRequest(db: Db, row: PurposedOtpRequestRow): Promise<void> {
  await otpTables(db).insertInto('otp_requests').values(row).execute();
}

/**
 * A new code replaces any still-open one for the same number asked in the same building:
 * one live code per number and building, so a kiosk elsewhere cannot void a resident's code.
 */
export async function supersedeOpenRequests(db: Db, phoneHmac: string, buildingId: string, now: string, purpose: OtpPurpose = 'login'): Promise<void> {
  // Only codes of the same purpose: asking to confirm a deletion must not void a sign-in code, nor the reverse.
  await otpTables(db)
    .updateTable('otp_requests')
    .set({ superseded_at: now })
    .where('phone_hmac', '=', phoneHmac)
    .where('purpose', '=', purpose)
    .where('device_id', 'in', (eb) => eb.selectFrom('devices').select('devices.id').where('devices.building_id', '=', buildingId))
    .where('consumed_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function getOtpRequest(db: Db, id: string): Promise<PurposedOtpRequestRow | undefined> {
  return otpTables(db).selectFrom('otp_requests').selectAll().where('id', '=', id).executeTakeFirst();
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
