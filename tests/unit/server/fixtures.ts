/** A migrated in-memory hub database with one building, a resident and a kiosk, for service tests. */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { insertDevice } from '../../../server/db/devices';
import { migrateToLatest } from '../../../server/db/migrate';
import { insertBuilding, insertResidents, insertUnits } from '../../../server/db/residents';
import { createIdGenerator } from '../../../server/ids';
import type { IdGenerator } from '../../../server/ids';
import type { AuthenticatedDevice } from '../../../server/services/devices';

import { createTestClock } from '../../fixtures/test-clock';
import type { TestClock } from '../../fixtures/test-clock';
export { T0, createTestClock } from '../../fixtures/test-clock';
export type { TestClock } from '../../fixtures/test-clock';

export type Fixture = {
  db: HubDb;
  clock: TestClock;
  newId: IdGenerator;
  buildingId: string;
  residentId: string;
  residentPhone: string;
  /** A resident of another building: for this building's kiosks, a stranger. */
  otherBuildingPhone: string;
  kiosk: AuthenticatedDevice;
  otherKiosk: AuthenticatedDevice;
};

export async function createFixture(): Promise<Fixture> {
  const clock = createTestClock();
  const db = openDatabase(':memory:');
  await migrateToLatest(db, clock.now);
  const newId = createIdGenerator(clock.now, (n) => randomBytes(n));
  const now = clock.now().toISOString();
  const stamp = { created_at: now, updated_at: now };
  const [buildingId, otherBuildingId, unitId, otherUnitId, residentId] = [newId(), newId(), newId(), newId(), newId()];
  await insertBuilding(db, { id: buildingId, name: 'Tòa nhà Thử', address: 'Hà Nội', ...stamp });
  await insertBuilding(db, { id: otherBuildingId, name: 'Tòa nhà Khác', address: 'Đà Nẵng', ...stamp });
  const unit = { tower: 'A', floor: 1, area_m2: 70, motorbikes: 1, cars: 0, ...stamp };
  await insertUnits(db, [
    { id: unitId, building_id: buildingId, label: 'A-0101', ...unit },
    { id: otherUnitId, building_id: otherBuildingId, label: 'A-0101', ...unit },
  ]);
  await insertResidents(db, [
    { id: residentId, building_id: buildingId, unit_id: unitId, full_name: 'Trần Văn Bình', phone_e164: '+84912345678', email: null, ...stamp },
    { id: newId(), building_id: otherBuildingId, unit_id: otherUnitId, full_name: 'Lê Thị Hoa', phone_e164: '+84987654321', email: null, ...stamp },
  ]);
  const kiosk: AuthenticatedDevice = { id: newId(), buildingId, mode: 'kiosk' };
  const otherKiosk: AuthenticatedDevice = { id: newId(), buildingId, mode: 'kiosk' };
  for (const device of [kiosk, otherKiosk]) {
    await insertDevice(db, { id: device.id, building_id: buildingId, mode: 'kiosk', name: 'Sảnh', secret_hash: 'x', created_at: now, revoked_at: null });
  }
  return { db, clock, newId, buildingId, residentId, residentPhone: '+84912345678', otherBuildingPhone: '+84987654321', kiosk, otherKiosk };
}
