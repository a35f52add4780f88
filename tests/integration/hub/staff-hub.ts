/**
 * The hub the console's integration tests share: dev mode (SMS outbox on) on the test clock,
 * enrollment limits wide enough for many staff workstations, the demo building, and a second
 * building with nothing in it, so building scope can be checked. Listening on loopback.
 */
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub, HubOptions } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { Backend, TestDatabase } from './backends';
import type { TestClock } from './helpers';

export type StaffTestHub = { database: TestDatabase; hub: Hub; base: string; demo: DemoInfo; db: HubDb };

export type StaffTestHubOptions = {
  /** Id of the second building (each test file its own). */
  otherBuildingId: string;
  /** Lift the sign-in code limits, for tests that sign many residents in. */
  wideOtpLimits?: boolean;
};

export async function startStaffTestHub(backend: Backend, clock: TestClock, opts: StaffTestHubOptions): Promise<StaffTestHub> {
  const database = await backend.create();
  const wide = { windowSeconds: 3600, max: 100_000 };
  const options: HubOptions = {
    database: database.url,
    devMode: true,
    clock: clock.now,
    logger: silentLogger,
    terminal: { print: () => {} },
    enrollmentLimits: { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } },
    ...(opts.wideOtpLimits === true ? { otpLimits: { perNumber: [wide], perDevice: wide, perBuilding: wide, global: wide } } : {}),
  };
  const hub = await createHub(options);
  const demo = await hub.seedDemo();
  const base = await hub.listen();
  const db = openDatabase(database.url);
  const at = clock.now().toISOString();
  await db.insertInto('buildings').values({ id: opts.otherBuildingId, name: 'Chung cư Hồ Tây', address: '1 Đường Thanh Niên, Tây Hồ, Hà Nội', created_at: at, updated_at: at }).execute();
  return { database, hub, base, demo, db };
}
