import type { DeviceMode } from '../../../shared/domain';
import type { KioskDatabase } from './open';

export type DeviceIdentity = {
  deviceId: string;
  deviceSecret: string;
  buildingId: string;
  buildingName: string;
  mode: DeviceMode;
  enrolledAt: string;
  keystoreBackend: string;
};

type Row = {
  device_id: string;
  device_secret: string;
  building_id: string;
  building_name: string;
  mode: DeviceMode;
  enrolled_at: string;
  keystore_backend: string;
};

export function getDeviceIdentity(db: KioskDatabase): DeviceIdentity | null {
  const row = db
    .prepare<[], Row>(
      'SELECT device_id, device_secret, building_id, building_name, mode, enrolled_at, keystore_backend FROM device_identity WHERE id = 1',
    )
    .get();
  if (row === undefined) return null;
  return {
    deviceId: row.device_id,
    deviceSecret: row.device_secret,
    buildingId: row.building_id,
    buildingName: row.building_name,
    mode: row.mode,
    enrolledAt: row.enrolled_at,
    keystoreBackend: row.keystore_backend,
  };
}

/** Enrollment happens once; saving a second identity is a bug, and the CHECK constraint says so. */
export function saveDeviceIdentity(db: KioskDatabase, identity: DeviceIdentity): void {
  db.prepare(
    `INSERT INTO device_identity (id, device_id, device_secret, building_id, building_name, mode, enrolled_at, keystore_backend)
     VALUES (1, @deviceId, @deviceSecret, @buildingId, @buildingName, @mode, @enrolledAt, @keystoreBackend)`,
  ).run(identity);
}
