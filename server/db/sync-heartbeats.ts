/** The latest heartbeat of each device (one row per device, replaced on every beat). */
import type { HubDb, HubTrx } from './connect';
import { syncTables } from './sync-schema';
import type { DeviceHeartbeatRow } from './sync-schema';

type Db = HubDb | HubTrx;

export async function putDeviceHeartbeat(db: Db, row: DeviceHeartbeatRow): Promise<void> {
  const { device_id: _key, ...rest } = row;
  await syncTables(db)
    .insertInto('device_heartbeats')
    .values(row)
    .onConflict((oc) => oc.column('device_id').doUpdateSet(rest))
    .execute();
}

export async function getDeviceHeartbeat(db: Db, deviceId: string): Promise<DeviceHeartbeatRow | undefined> {
  return syncTables(db).selectFrom('device_heartbeats').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
}
