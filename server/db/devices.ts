import type { HubDb, HubTrx } from './connect';
import type { DeviceRow, EnrollmentCodeRow } from './schema';

type Db = HubDb | HubTrx;

export async function insertEnrollmentCode(db: Db, row: EnrollmentCodeRow): Promise<void> {
  await db.insertInto('enrollment_codes').values(row).execute();
}

export async function findEnrollmentCode(db: Db, codeHash: string): Promise<EnrollmentCodeRow | undefined> {
  return db.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Marks the code used if nobody else did first; false means another enrollment won the race. */
export async function claimEnrollmentCode(db: Db, id: string, deviceId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('enrollment_codes')
    .set({ used_at: now, device_id: deviceId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertDevice(db: Db, row: DeviceRow): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export async function getDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}
