/**
 * Staff sign-in at the hub over real HTTP, on SQLite and PostgreSQL: password then SMS code,
 * lock-out, the one-time password that must be changed first, the idle lock, and the staff
 * token's binding to its workstation, building and role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffSessionResponse, StaffSignInResponse, StaffVerifyResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { latestCode } from '../../fixtures/dev-sms';
import { enrollManagerDevice, signInStaff, signInWithPassword } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';

describe.each(backends)('staff sign-in on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  const OTHER_BUILDING = 'b-other';

  beforeAll(async () => {
    database = await backend.create();
    const enrollmentLimits = { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } };
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, enrollmentLimits });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    const at = clock.now().toISOString();
    await db.insertInto('buildings').values({ id: OTHER_BUILDING, name: 'Chung cư Hồ Tây', address: '1 Đường Thanh Niên, Tây Hồ, Hà Nội', created_at: at, updated_at: at }).execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('signs in with password and SMS code, and the token opens staff routes of its role', async () => {
    const manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager', fullName: 'Phạm Thị Lan' });
    const me = StaffSessionResponse.parse((await call(base, 'GET', '/v1/staff/me', { headers: manager.headers })).body);
    expect(me).toMatchObject({ staff: { id: manager.staffId, fullName: 'Phạm Thị Lan', role: 'manager', buildingId: demo.buildingId }, mustChangePassword: false, locked: false });
    const verify = await call(base, 'GET', '/v1/audit/verify', { headers: manager.headers });
    expect(verify.status).toBe(200);
  });
});
