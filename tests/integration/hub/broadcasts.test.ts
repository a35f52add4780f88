/**
 * Emergency broadcasts over loopback HTTP with real staff sign-in, on SQLite and PostgreSQL:
 * who may start and end one, each audited with its reason, published on the building's
 * change feed (and its tombstone when ended) for the building's kiosks only, one at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssueEnrollmentCodeResponse, SyncPullResponse } from '../../../shared/hub-api';
import { BroadcastResponse, EndBroadcastResponse, LiveBroadcastResponse } from '../../../shared/hub-api/broadcasts';
import type { DemoInfo, Hub } from '../../../server/app';
import type { AuditTables } from '../../../server/db/audit';
import type { HubDb } from '../../../server/db/connect';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device } from './helpers';
import { startStaffTestHub } from './staff-hub';

const OTHER_BUILDING = 'b-broadcasts-other';

const message = {
  title: { vi: 'Cháy giả định – diễn tập', en: 'Fire drill in progress' },
  body: { vi: 'Mời cư dân xuống sân trước theo cầu thang bộ.', en: 'Please go down to the front yard by the stairs.' },
  reason: 'Diễn tập phòng cháy theo kế hoạch quý IV',
};

describe.each(backends)('emergency broadcasts over HTTP on $name', (backend) => {
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
  let outsider: StaffSession;
  let kiosk: Device;
  let outsiderKiosk: Device;
  let cursor: string | undefined;

  async function kioskFor(who: StaffSession, name: string): Promise<Device> {
    const reply = await call(base, 'POST', '/v1/devices/codes', { headers: who.headers, json: { mode: 'kiosk' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return enroll(base, IssueEnrollmentCodeResponse.parse(reply.body).code, name);
  }

  /** What the kiosk pulls after its last pull (a snapshot the first time). */
  async function pull(device: Device, from?: string): Promise<SyncPullResponse> {
    const reply = await call(base, 'GET', `/v1/sync/pull${from === undefined ? '' : `?cursor=${from}`}`, { headers: device.header });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return SyncPullResponse.parse(reply.body);
  }

  async function auditOf(action: string): Promise<{ actor_id: string | null; reason: string | null; resident_id: string | null; detail: string | null }[]> {
    return db.withTables<AuditTables>().selectFrom('audit_events').select(['actor_id', 'reason', 'resident_id', 'detail']).where('action', '=', action).orderBy('seq').execute();
  }

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING }));
    admin = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'admin' });
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'admin' });
    kiosk = await kioskFor(admin, 'Sảnh tòa A');
    outsiderKiosk = await kioskFor(outsider, 'Sảnh Hồ Tây');
    cursor = (await pull(kiosk)).cursor;
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('lets only managers and administrators start or end one; care staff may see it', async () => {
    for (const who of [care, auditor]) {
      const reply = await call(base, 'POST', '/v1/staff/broadcasts', { headers: who.headers, json: message });
      expect(reply.status).toBe(403);
      expect(errorOf(reply).code).toBe('forbidden');
      expect((await call(base, 'POST', '/v1/staff/broadcasts/x/end', { headers: who.headers, json: {} })).status).toBe(403);
    }
    expect((await call(base, 'GET', '/v1/staff/broadcasts/live', { headers: auditor.headers })).status).toBe(403);
    // A device credential alone is not staff.
    expect((await call(base, 'POST', '/v1/staff/broadcasts', { headers: kiosk.header, json: message })).status).toBe(403);
    const live = await call(base, 'GET', '/v1/staff/broadcasts/live', { headers: care.headers });
    expect(LiveBroadcastResponse.parse(live.body)).toEqual({ live: null });
    expect(await auditOf('broadcast.started')).toEqual([]);
  });

  it('refuses a message without both languages or without a reason', async () => {
    for (const json of [{ ...message, title: { vi: 'Cháy', en: '' } }, { ...message, body: { vi: 'Xuống sân' } }, { title: message.title, body: message.body }, { ...message, reason: '   ' }]) {
      const reply = await call(base, 'POST', '/v1/staff/broadcasts', { headers: manager.headers, json });
      expect(reply.status).toBe(400);
    }
  });

  it('publishes a started broadcast to the building kiosks, audited with its reason, and a tombstone when ended', async () => {
    const started = await call(base, 'POST', '/v1/staff/broadcasts', { headers: manager.headers, json: message });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { broadcast } = BroadcastResponse.parse(started.body);
    expect(broadcast).toMatchObject({ title: message.title, body: message.body, startedAt: clock.now().toISOString() });
    expect(broadcast).not.toHaveProperty('reason');

    const page = await pull(kiosk, cursor);
    cursor = page.cursor;
    expect(page.changes).toEqual([{ seq: expect.any(Number), type: 'emergency_broadcast', id: broadcast.id, data: broadcast }]);
    // The reason stays in the audit log; kiosks never get it.
    expect(JSON.stringify(page.changes)).not.toContain(message.reason);
    expect(await auditOf('broadcast.started')).toEqual([
      { actor_id: manager.staffId, reason: message.reason, resident_id: null, detail: JSON.stringify({ broadcastId: broadcast.id, title: message.title.vi }) },
    ]);
    // Another building's kiosks and console see nothing of it.
    expect((await pull(outsiderKiosk)).changes.filter((c) => c.type === 'emergency_broadcast')).toEqual([]);
    expect(LiveBroadcastResponse.parse((await call(base, 'GET', '/v1/staff/broadcasts/live', { headers: outsider.headers })).body)).toEqual({ live: null });
    const foreignEnd = await call(base, 'POST', `/v1/staff/broadcasts/${broadcast.id}/end`, { headers: outsider.headers, json: {} });
    expect(foreignEnd.status).toBe(404);
    // A kiosk started afresh gets it in its snapshot.
    expect((await pull(kiosk)).changes.filter((c) => c.type === 'emergency_broadcast')).toEqual([expect.objectContaining({ id: broadcast.id, data: broadcast })]);
    expect(LiveBroadcastResponse.parse((await call(base, 'GET', '/v1/staff/broadcasts/live', { headers: care.headers })).body)).toEqual({ live: broadcast });

    clock.advance(60);
    const ended = await call(base, 'POST', `/v1/staff/broadcasts/${broadcast.id}/end`, { headers: admin.headers, json: { reason: 'Diễn tập xong' } });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(EndBroadcastResponse.parse(ended.body)).toEqual({ endedAt: clock.now().toISOString() });
    const after = await pull(kiosk, cursor);
    cursor = after.cursor;
    expect(after.changes).toEqual([{ seq: expect.any(Number), type: 'emergency_broadcast', id: broadcast.id, data: null }]);
    expect(await auditOf('broadcast.ended')).toEqual([{ actor_id: admin.staffId, reason: 'Diễn tập xong', resident_id: null, detail: JSON.stringify({ broadcastId: broadcast.id }) }]);
    expect(LiveBroadcastResponse.parse((await call(base, 'GET', '/v1/staff/broadcasts/live', { headers: manager.headers })).body)).toEqual({ live: null });
    // Ended is ended: a second end finds nothing live.
    const again = await call(base, 'POST', `/v1/staff/broadcasts/${broadcast.id}/end`, { headers: admin.headers, json: {} });
    expect(again.status).toBe(404);
    // A kiosk started afresh gets no ended broadcast.
    expect((await pull(kiosk)).changes.filter((c) => c.type === 'emergency_broadcast')).toEqual([]);
  });

  it('keeps one broadcast at a time: a second start is refused until the first is ended', async () => {
    const first = BroadcastResponse.parse((await call(base, 'POST', '/v1/staff/broadcasts', { headers: manager.headers, json: message })).body).broadcast;
    const second = await call(base, 'POST', '/v1/staff/broadcasts', { headers: admin.headers, json: { ...message, reason: 'Thử gửi thêm' } });
    expect(second.status).toBe(409);
    expect(errorOf(second).code).toBe('wrong_state');
    // Nothing of the refused one reached the feed or the audit log.
    const page = await pull(kiosk, cursor);
    cursor = page.cursor;
    expect(page.changes.map((c) => c.id)).toEqual([first.id]);
    expect((await auditOf('broadcast.started')).map((e) => e.reason)).not.toContain('Thử gửi thêm');
    expect((await call(base, 'POST', `/v1/staff/broadcasts/${first.id}/end`, { headers: manager.headers, json: {} })).status).toBe(200);
    expect((await call(base, 'POST', '/v1/staff/broadcasts', { headers: admin.headers, json: message })).status).toBe(200);
  });
});
