import type { HubDb, HubTrx } from './connect';
import type { DeviceRow, EnrollmentCodeRow } from './schema';
import { syncTables } from './sync-schema';

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

/** A device joined with its latest heartbeat (the heartbeat's columns null when it never reported). */
export type FleetRow = DeviceRow & {
  last_seen_at: string | null;
  version: string | null;
  outbox_depth: number | null;
  oldest_pending_seconds: number | null;
  last_sync_at: string | null;
  last_error: string | null;
};

function fleetQuery(db: Db) {
  return syncTables(db)
    .selectFrom('devices')
    .leftJoin('device_heartbeats', 'device_heartbeats.device_id', 'devices.id')
    .selectAll('devices')
    .select([
      'device_heartbeats.last_seen_at',
      'device_heartbeats.version',
      'device_heartbeats.outbox_depth',
      'device_heartbeats.oldest_pending_seconds',
      'device_heartbeats.last_sync_at',
      'device_heartbeats.last_error',
    ]);
}

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function toFleetRow(row: FleetRow): FleetRow {
  return { ...row, outbox_depth: numberOrNull(row.outbox_depth), oldest_pending_seconds: numberOrNull(row.oldest_pending_seconds) };
}

/** Every device of the building, by name. */
export async function listFleet(db: Db, buildingId: string): Promise<FleetRow[]> {
  const rows = await fleetQuery(db).where('devices.building_id', '=', buildingId).orderBy('devices.name').orderBy('devices.id').execute();
  return rows.map(toFleetRow);
}

export async function getFleetDevice(db: Db, deviceId: string): Promise<FleetRow | undefined> {
  const row = await fleetQuery(db).where('devices.id', '=', deviceId).executeTakeFirst();
  return row ? toFleetRow(row) : undefined;
}

/** Revokes the device unless it already is; false means it was revoked before. */
export async function revokeDevice(db: Db, deviceId: string, at: string): Promise<boolean> {
  const result = await db.updateTable('devices').set({ revoked_at: at }).where('id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
