/**
 * The console's request queue over loopback HTTP with real staff sign-in, on SQLite and
 * PostgreSQL: roles and building scope, each action one audit event with its reason, wrong
 * transitions, the hold the resident sees, and the export download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogResponse, CreateRequestResponse, MyRequestsResponse, OtpRequestResponse, OtpVerifyResponse, StaffExportResponse, StaffRequestListResponse, StaffRequestResponse } from '../../../shared/hub-api';
import type { StaffRequest } from '../../../shared/hub-api';
import type { DemoInfo, Hub } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { requestTables } from '../../../server/db/requests';
import { latestCode } from '../../fixtures/dev-sms';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device, Reply } from './helpers';

const OTHER_BUILDING = 'b-requests-other';

describe.each(backends)('the request queue over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let manager: StaffSession;
  let care: StaffSession;
  let outsider: StaffSession;
  let admin: StaffSession;
  let spare: { id: string; phone: string }[];

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING, wideOtpLimits: true }));
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'manager' });
    admin = await signInStaff(hub, base, { buildingId: null, role: 'admin', deviceBuildingId: demo.buildingId });
    const listed = demo.residents.map((r) => r.phone);
    spare = await db
      .selectFrom('residents')
      .select(['id', 'phone_e164 as phone'])
      .where('building_id', '=', demo.buildingId)
      .where('phone_e164', 'not in', listed)
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  type Resident = { id: string; headers: Record<string, string> };
  async function resident(): Promise<Resident> {
    const r = spare.shift();
    if (!r) throw new Error('out of spare residents');
    const { requestId } = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: r.phone }, headers: kiosk.header })).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: await latestCode(base, r.phone) }, headers: kiosk.header });
    const { token } = OtpVerifyResponse.parse(verified.body);
    clock.advance(61);
    return { id: r.id, headers: { ...kiosk.header, authorization: `Bearer ${token}` } };
  }
  async function ask(who: Resident, json: unknown): Promise<string> {
    const reply = await call(base, 'POST', '/v1/me/requests', { json, headers: who.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return CreateRequestResponse.parse(reply.body).request.id;
  }
  const act = (who: StaffSession, id: string, step: string, json: unknown = {}): Promise<Reply> =>
    call(base, 'POST', `/v1/staff/requests/${encodeURIComponent(id)}/${step}`, { json, headers: who.headers });
  const view = (reply: Reply): StaffRequest => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return StaffRequestResponse.parse(reply.body).request;
  };
  const auditFor = (requestId: string): Promise<{ action: string; reason: string | null; actor_id: string | null }[]> =>
    db.withTables<AuditTables>().selectFrom('audit_events').select(['action', 'reason', 'actor_id']).where('detail', 'like', `%${requestId}%`).orderBy('seq').execute();

  it('a manager acknowledges, extends, holds and releases; each step one audit event with its reason', async () => {
    const r = await resident();
    const id = await ask(r, { kind: 'objection', details: 'Không đồng ý dùng số điện thoại cho khảo sát' });
    expect(view(await act(manager, id, 'acknowledge', { thirdPartyInvolved: false }))).toMatchObject({ status: 'acknowledged', thirdPartyInvolved: false });
    expect(view(await act(manager, id, 'extend', { days: 15, reason: 'Cần ý kiến đơn vị cung cấp dịch vụ' }))).toMatchObject({ extendedDays: 15 });
    const second = await act(manager, id, 'extend', { days: 1, reason: 'Thêm một ngày' });
    expect(second.status).toBe(409);
    expect(errorOf(second)).toMatchObject({ code: 'wrong_state' });
    expect(errorOf(second).message).toContain('already extended');
    expect(view(await act(manager, id, 'hold', { category: 'authority_request', reason: 'Công an phường yêu cầu giữ nguyên hồ sơ' }))).toMatchObject({
      status: 'on_hold',
      holdCategory: 'authority_request',
      holdReason: 'Công an phường yêu cầu giữ nguyên hồ sơ',
    });
    const seen = MyRequestsResponse.parse((await call(base, 'GET', '/v1/me/requests', { headers: r.headers })).body).requests[0];
    expect(seen).toMatchObject({ status: 'on_hold', holdCategory: 'authority_request' });
    expect(JSON.stringify(seen)).not.toContain('Công an phường');
    expect(view(await act(manager, id, 'release', { reason: 'Cơ quan đã xác nhận xong' }))).toMatchObject({ status: 'acknowledged' });
    expect(await auditFor(id)).toEqual([
      { action: 'request.handled', reason: null, actor_id: manager.staffId },
      { action: 'request.handled', reason: 'Cần ý kiến đơn vị cung cấp dịch vụ', actor_id: manager.staffId },
      { action: 'request.handled', reason: 'Công an phường yêu cầu giữ nguyên hồ sơ', actor_id: manager.staffId },
      { action: 'request.handled', reason: 'Cơ quan đã xác nhận xong', actor_id: manager.staffId },
    ]);
    // The resident's "who accessed my data" shows the staff work, but a hold's written reason (and its release's) stays with the office.
    const accessLog = AccessLogResponse.parse((await call(base, 'GET', '/v1/me/access-log', { headers: r.headers })).body);
    const handled = accessLog.entries.filter((e) => e.action === 'request.handled');
    expect(handled.map((e) => e.reason).sort()).toEqual(['Cần ý kiến đơn vị cung cấp dịch vụ', null, null, null].sort());
    expect(JSON.stringify(accessLog)).not.toContain('Công an phường');
    const history = view(await call(base, 'GET', `/v1/staff/requests/${id}`, { headers: manager.headers })).history;
    expect(history.map((e) => e.action)).toEqual(['received', 'acknowledged', 'extended', 'held', 'released']);
  });

  it('a hold needs a written reason; care may acknowledge but not hold, refuse or extend', async () => {
    const r = await resident();
    const id = await ask(r, { kind: 'restriction', details: 'Chỉ liên lạc qua email' });
    const noReason = await act(manager, id, 'hold', { category: 'dispute', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason).code).toBe('invalid_input');
    for (const [step, json] of [
      ['hold', { category: 'dispute', reason: 'Đang tranh chấp' }],
      ['refuse', { reason: 'Không có căn cứ' }],
      ['extend', { days: 3, reason: 'Chờ thêm' }],
    ] as const) {
      const reply = await act(care, id, step, json);
      expect(reply.status).toBe(403);
      expect(errorOf(reply).code).toBe('forbidden');
    }
    expect(view(await act(care, id, 'acknowledge'))).toMatchObject({ status: 'acknowledged' });
    expect(await auditFor(id)).toHaveLength(1);
  });

  it('staff of another building see nothing of this one; an operator administrator sees every building', async () => {
    const r = await resident();
    const id = await ask(r, { kind: 'objection', details: 'Phản đối gửi tin quảng cáo' });
    const get = await call(base, 'GET', `/v1/staff/requests/${id}`, { headers: outsider.headers });
    expect(get.status).toBe(404);
    expect((await act(outsider, id, 'refuse', { reason: 'Thử từ tòa khác' })).status).toBe(404);
    const theirs = StaffRequestListResponse.parse((await call(base, 'GET', '/v1/staff/requests', { headers: outsider.headers })).body);
    expect(theirs).toEqual({ requests: [], total: 0 });
    const all = StaffRequestListResponse.parse((await call(base, 'GET', `/v1/staff/requests?residentId=${r.id}`, { headers: admin.headers })).body);
    expect(all.requests.map((q) => q.id)).toEqual([id]);
    expect(await auditFor(id)).toEqual([]);
  });

  it('lists overdue first, with filters and a total', async () => {
    const r = await resident();
    const late = await ask(r, { kind: 'objection', details: 'Yêu cầu cũ' });
    // Made long ago: its acknowledgement deadline has passed (staff sessions do not outlive a clock moved by days).
    await requestTables(db).updateTable('data_requests').set({ acknowledge_due_at: new Date(clock.now().getTime() - 3600_000).toISOString() }).where('id', '=', late).execute();
    const r2 = await resident();
    const fresh = await ask(r2, { kind: 'objection', details: 'Yêu cầu mới' });
    const reply = await call(base, 'GET', '/v1/staff/requests?kind=objection&status=received&limit=200', { headers: manager.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const list = StaffRequestListResponse.parse(reply.body);
    const ids = list.requests.map((q) => q.id);
    expect(ids.indexOf(late)).toBeLessThan(ids.indexOf(fresh));
    expect(list.requests.find((q) => q.id === late)).toMatchObject({ overdueAcknowledge: true });
    expect(list.requests.find((q) => q.id === fresh)).toMatchObject({ overdueAcknowledge: false, overdueAct: false });
    expect(list.total).toBe(list.requests.length);
    const overdue = StaffRequestListResponse.parse((await call(base, 'GET', '/v1/staff/requests?overdue=true&limit=200', { headers: manager.headers })).body);
    expect(overdue.requests.every((q) => q.overdueAcknowledge || q.overdueAct)).toBe(true);
    expect(overdue.requests.map((q) => q.id)).toContain(late);
    const paged = StaffRequestListResponse.parse((await call(base, 'GET', '/v1/staff/requests?limit=1&offset=1', { headers: manager.headers })).body);
    expect(paged.requests).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
  });

  it('an export downloads once prepared, audited, then completes', async () => {
    const r = await resident();
    const id = await ask(r, { kind: 'export' });
    const early = await call(base, 'GET', `/v1/staff/requests/${id}/export`, { headers: care.headers });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('wrong_state');
    await requestTables(db)
      .updateTable('data_requests')
      .set({ export_json: JSON.stringify({ bills: [] }), export_summary: 'Bản tóm tắt / Summary', export_prepared_at: clock.now().toISOString(), export_delivery: 'pickup' })
      .where('id', '=', id)
      .execute();
    const download = await call(base, 'GET', `/v1/staff/requests/${id}/export`, { headers: care.headers });
    expect(download.status, JSON.stringify(download.body)).toBe(200);
    expect(StaffExportResponse.parse(download.body)).toMatchObject({ requestId: id, delivery: 'pickup', data: { bills: [] }, summary: 'Bản tóm tắt / Summary' });
    expect(view(await act(care, id, 'complete', { note: 'Đã giao USB tại văn phòng' }))).toMatchObject({ status: 'done' });
    expect((await auditFor(id)).map((e) => [e.action, e.actor_id])).toEqual([
      ['data.exported', care.staffId],
      ['request.handled', care.staffId],
    ]);

  });
});
