/**
 * The console's device fleet over loopback HTTP with real staff sign-in, on SQLite and
 * PostgreSQL: who may issue codes, view the fleet and revoke; the fleet joined with heartbeats
 * and the 10-minute warning; a revocation audited with its reason and refusing the device's
 * very next request; another building's devices out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetResponse, IssueEnrollmentCodeResponse, RevokeDeviceResponse } from '../../../shared/hub-api';
import type { FleetDevice } from '../../../shared/hub-api';
import type { DemoInfo, Hub } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device } from './helpers';

const OTHER_BUILDING = 'b-devices-other';

describe.each(backends)('the console device fleet over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let admin: StaffSession;
  let manager: StaffSession;
  let care: StaffSession;
  let auditor: StaffSession;
  let outsiderAdmin: StaffSession;

  async function fleet(who: StaffSession): Promise<FleetDevice[]> {
    const reply = await call(base, 'GET', '/v1/devices', { headers: who.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return FleetResponse.parse(reply.body).devices;
  }

  async function issue(who: StaffSession, mode: 'kiosk' | 'manager'): Promise<IssueEnrollmentCodeResponse> {
    const reply = await call(base, 'POST', '/v1/devices/codes', { headers: who.headers, json: { mode } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return IssueEnrollmentCodeResponse.parse(reply.body);
  }

  const heartbeat = (device: Device, body: Record<string, unknown>): ReturnType<typeof call> =>
    call(base, 'POST', '/v1/devices/heartbeat', { headers: device.header, json: { version: '1.4.2', uptimeSeconds: 60, outboxDepth: 0, oldestPendingSeconds: null, lastSyncAt: null, lastError: null, ...body } });

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING }));
    admin = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'admin' });
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsiderAdmin = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'admin' });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('lets only an administrator issue codes and revoke, and an administrator or manager view the fleet', async () => {
    for (const who of [manager, care, auditor]) {
      const code = await call(base, 'POST', '/v1/devices/codes', { headers: who.headers, json: { mode: 'kiosk' } });
      expect(code.status).toBe(403);
      expect(errorOf(code).code).toBe('forbidden');
      const revoke = await call(base, 'POST', `/v1/devices/${admin.deviceId}/revoke`, { headers: who.headers, json: { reason: 'Máy hỏng' } });
      expect(revoke.status).toBe(403);
    }
    for (const who of [care, auditor]) expect((await call(base, 'GET', '/v1/devices', { headers: who.headers })).status).toBe(403);
    expect((await call(base, 'GET', '/v1/devices', { headers: admin.deviceHeaders })).status).toBe(401);
    expect((await fleet(manager)).map((d) => d.id)).toContain(manager.deviceId);
  });

  it('issues a 24-hour code that enrolls a device, which then shows in the fleet with its heartbeat', async () => {
    const issued = await issue(admin, 'kiosk');
    expect(Date.parse(issued.expiresAt) - clock.now().getTime()).toBe(24 * 3600_000);
    const kiosk = await enroll(base, issued.code, 'Sảnh tòa B');
    const [listed] = (await fleet(manager)).filter((d) => d.id === kiosk.id);
    expect(listed).toMatchObject({ name: 'Sảnh tòa B', mode: 'kiosk', lastSeenAt: null, version: null, revokedAt: null, stale: false });
    clock.advance(30);
    expect((await heartbeat(kiosk, { outboxDepth: 3, oldestPendingSeconds: 95, lastError: 'hub_unavailable' })).status).toBe(200);
    const [beat] = (await fleet(admin)).filter((d) => d.id === kiosk.id);
    expect(beat).toMatchObject({ version: '1.4.2', outboxDepth: 3, oldestPendingSeconds: 95, lastError: 'hub_unavailable', lastSeenAt: clock.now().toISOString(), stale: false });
    // The code is used up.
    expect((await call(base, 'POST', '/v1/devices/enroll', { json: { code: issued.code, name: 'Sảnh khác' } })).status).toBe(401);
    const events = await db.withTables<AuditTables>().selectFrom('audit_events').select(['action', 'resident_id', 'detail']).where('actor_id', '=', admin.staffId).execute();
    expect(events).toEqual([{ action: 'device.code_issued', resident_id: null, detail: '{"mode":"kiosk"}' }]);
  });

  it('warns about a kiosk not seen for 10 minutes, never about a manager workstation', async () => {
    const kiosk = await enroll(base, (await issue(admin, 'kiosk')).code, 'Sảnh tòa C');
    const office = await enroll(base, (await issue(admin, 'manager')).code, 'Văn phòng 2');
    await heartbeat(kiosk, {});
    await heartbeat(office, {});
    // Staff sessions lock after 10 idle minutes: every session still used later reads the fleet halfway.
    const keepAlive = async (): Promise<void> => void (await Promise.all([admin, manager, outsiderAdmin].map((who) => fleet(who))));
    clock.advance(5 * 60);
    await keepAlive();
    clock.advance(4 * 60 + 59);
    await keepAlive();
    const fresh = await fleet(manager);
    expect(fresh.find((d) => d.id === kiosk.id)!.stale).toBe(false);
    clock.advance(1);
    const later = await fleet(manager);
    expect(later.find((d) => d.id === kiosk.id)!.stale).toBe(true);
    expect(later.find((d) => d.id === office.id)!.stale).toBe(false);
  });

  it("keeps another building's devices out of reach", async () => {
    const theirs = await fleet(outsiderAdmin);
    expect(theirs.map((d) => d.id)).toEqual([outsiderAdmin.deviceId]);
    const reply = await call(base, 'POST', `/v1/devices/${manager.deviceId}/revoke`, { headers: outsiderAdmin.headers, json: { reason: 'Thử thu hồi' } });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('not_found');
    expect((await call(base, 'GET', '/v1/staff/me', { headers: manager.headers })).status).toBe(200);
  });

  it('revokes with a reason (audited once): the very next request of that device is refused', async () => {
    const kiosk = await enroll(base, (await issue(admin, 'kiosk')).code, 'Sảnh tòa D');
    expect((await heartbeat(kiosk, {})).status).toBe(200);
    const noReason = await call(base, 'POST', `/v1/devices/${kiosk.id}/revoke`, { headers: admin.headers, json: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    const reply = await call(base, 'POST', `/v1/devices/${kiosk.id}/revoke`, { headers: admin.headers, json: { reason: 'Máy bị mất ở sảnh' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(RevokeDeviceResponse.parse(reply.body).device).toMatchObject({ id: kiosk.id, revokedAt: clock.now().toISOString(), stale: false });
    const refused = await heartbeat(kiosk, {});
    expect(refused.status).toBe(401);
    expect(errorOf(refused).code).toBe('unauthorized');
    expect((await call(base, 'GET', '/v1/policy', { headers: kiosk.header })).status).toBe(401);
    const events = await db.withTables<AuditTables>().selectFrom('audit_events').select(['reason', 'detail', 'resident_id']).where('action', '=', 'device.revoked').execute();
    expect(events).toEqual([{ reason: 'Máy bị mất ở sảnh', detail: JSON.stringify({ deviceId: kiosk.id, mode: 'kiosk' }), resident_id: null }]);
    const again = await call(base, 'POST', `/v1/devices/${kiosk.id}/revoke`, { headers: admin.headers, json: { reason: 'Lần nữa' } });
    expect(again.status).toBe(409);
    // Revoked devices are listed last.
    expect((await fleet(manager)).at(-1)!.id).toBe(kiosk.id);
  });

  it("revokes a manager workstation, which signs its staff out, but not the administrator's own", async () => {
    const own = await call(base, 'POST', `/v1/devices/${admin.deviceId}/revoke`, { headers: admin.headers, json: { reason: 'Thử chính mình' } });
    expect(own.status).toBe(409);
    const reply = await call(base, 'POST', `/v1/devices/${manager.deviceId}/revoke`, { headers: admin.headers, json: { reason: 'Máy văn phòng cũ thay mới' } });
    expect(reply.status).toBe(200);
    expect((await call(base, 'GET', '/v1/devices', { headers: manager.headers })).status).toBe(401);
  });
});
