/**
 * The console's resident directory over loopback HTTP with real staff sign-in, on SQLite and
 * PostgreSQL: search without diacritics and by phone, masked lists, a profile opened for a
 * purpose (one audit event, seen in the resident's access log at the kiosk), edits with a
 * reason that keep the search current, move-out, households, roles and building scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogResponse, HouseholdResponse, OtpRequestResponse, OtpVerifyResponse, ResidentProfileResponse, ResidentSearchResponse } from '../../../shared/hub-api';
import type { ResidentListItem } from '../../../shared/hub-api';
import { vietnamDate } from '../../../shared/dates';
import type { DemoInfo, Hub } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { insertResidents, insertUnits } from '../../../server/db/residents';
import { directoryTables } from '../../../server/db/resident-search';
import { latestCode, smsSentTo } from '../../fixtures/dev-sms';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device, Reply } from './helpers';

const OTHER_BUILDING = 'b-residents-other';

describe.each(backends)('the resident directory over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let manager: StaffSession;
  let care: StaffSession;
  let auditor: StaffSession;
  let outsider: StaffSession;
  let admin: StaffSession;
  const ids = { vanA: '019ab000-0000-7000-8000-00000000a001', dang: '019ab000-0000-7000-8000-00000000a002', tran: '019ab000-0000-7000-8000-00000000a003', other: '019ab000-0000-7000-8000-00000000b001' };

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING, wideOtpLimits: true }));
    const at = clock.now().toISOString();
    const stamp = { created_at: at, updated_at: at };
    const unit = await db.selectFrom('units').select(['id']).where('building_id', '=', demo.buildingId).where('label', '=', 'B-1203').executeTakeFirstOrThrow();
    await insertResidents(db, [
      { id: ids.vanA, building_id: demo.buildingId, unit_id: unit.id, full_name: 'Nguyễn Văn A', phone_e164: '+84938111222', email: 'van.a@example.vn', ...stamp },
      { id: ids.dang, building_id: demo.buildingId, unit_id: unit.id, full_name: 'Đặng Thị Hòa', phone_e164: '+84938111333', email: null, ...stamp },
      { id: ids.tran, building_id: demo.buildingId, unit_id: unit.id, full_name: 'TRẦN QUỐC BẢO', phone_e164: '+84938111444', email: null, ...stamp },
    ]);
    await insertUnits(db, [{ id: 'u-other-0101', building_id: OTHER_BUILDING, label: 'H-0101', tower: 'H', floor: 1, area_m2: 80, motorbikes: 1, cars: 0, ...stamp }]);
    await insertResidents(db, [{ id: ids.other, building_id: OTHER_BUILDING, unit_id: 'u-other-0101', full_name: 'Nguyễn Văn Anh', phone_e164: '+84938999000', email: null, ...stamp }]);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'manager' });
    admin = await signInStaff(hub, base, { buildingId: null, role: 'admin', deviceBuildingId: demo.buildingId });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const search = async (who: StaffSession, q: string, extra = ''): Promise<ResidentSearchResponse> => {
    const reply = await call(base, 'GET', `/v1/staff/residents?q=${encodeURIComponent(q)}${extra}`, { headers: who.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return ResidentSearchResponse.parse(reply.body);
  };
  const names = (r: ResidentSearchResponse): string[] => r.residents.map((x: ResidentListItem) => x.fullName);
  const post = (who: StaffSession, id: string, step: string, json: unknown): Promise<Reply> =>
    call(base, 'POST', `/v1/staff/residents/${encodeURIComponent(id)}/${step}`, { json, headers: who.headers });
  const profile = (reply: Reply): ResidentProfileResponse['resident'] => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return ResidentProfileResponse.parse(reply.body).resident;
  };
  const auditOf = (residentId: string): Promise<{ action: string; reason: string | null; actor_id: string | null; detail: string | null }[]> =>
    db.withTables<AuditTables>().selectFrom('audit_events').select(['action', 'reason', 'actor_id', 'detail']).where('resident_id', '=', residentId).orderBy('seq').execute();

  it('finds residents by a name typed without diacritics or in another case, by phone in local or +84 form, by email and unit', async () => {
    expect(names(await search(manager, 'nguyen van a'))).toContain('Nguyễn Văn A');
    expect(names(await search(manager, 'dang hoa'))).toEqual(['Đặng Thị Hòa']);
    expect(names(await search(manager, 'trần quốc'))).toEqual(['TRẦN QUỐC BẢO']);
    expect(names(await search(manager, '0938 111 222'))).toEqual(['Nguyễn Văn A']);
    expect(names(await search(manager, '+84 938 111 333'))).toEqual(['Đặng Thị Hòa']);
    expect(names(await search(manager, 'VAN.A@example'))).toEqual(['Nguyễn Văn A']);
    const unit = await search(manager, 'b-1203');
    expect(names(unit)).toEqual(expect.arrayContaining(['Nguyễn Văn A', 'Đặng Thị Hòa', 'TRẦN QUỐC BẢO']));
    // A wildcard typed by staff is a character, not "anything".
    expect((await search(manager, '%')).total).toBe(0);
  });

  it('lists masked contacts, pages, and shows each resident their units', async () => {
    const found = await search(manager, '0938111222');
    expect(found.residents[0]).toMatchObject({ phoneMasked: '09•• ••• 222', emailMasked: 'v•••@example.vn', units: [{ label: 'B-1203', primary: true, role: 'occupant' }] });
    expect(JSON.stringify(found)).not.toContain('938111222');
    expect(JSON.stringify(found)).not.toContain('van.a@');
    const all = await search(manager, '', '&limit=10');
    expect(all.residents).toHaveLength(10);
    expect(all.total).toBeGreaterThan(300);
    const next = await search(manager, '', '&limit=10&offset=10');
    expect(next.residents.map((r) => r.id).filter((id) => all.residents.some((r) => r.id === id))).toEqual([]);
  });

  it('keeps each building to itself: a manager of another building finds, opens and lists nothing here', async () => {
    expect(names(await search(outsider, 'nguyen van'))).toEqual(['Nguyễn Văn Anh']);
    expect(names(await search(manager, 'nguyen van an'))).not.toContain('Nguyễn Văn Anh');
    const opened = await post(outsider, ids.vanA, 'open', { purpose: 'billing', reason: 'Kiểm tra hóa đơn' });
    expect(opened.status).toBe(404);
    expect(errorOf(opened).code).toBe('not_found');
    expect((await post(outsider, ids.vanA, 'edit', { field: 'email', value: 'x@example.vn', reason: 'Thử sửa' })).status).toBe(404);
    expect((await post(outsider, ids.vanA, 'move-out', { date: '2026-01-01', reason: 'Thử chuyển đi' })).status).toBe(404);
    const primary = await db.selectFrom('residents').select('unit_id').where('id', '=', ids.vanA).executeTakeFirstOrThrow();
    expect((await call(base, 'GET', `/v1/staff/units/${primary.unit_id}/household`, { headers: outsider.headers })).status).toBe(404);
    expect(await auditOf(ids.vanA)).toEqual([]);
    // The operator's administrator sees every building.
    expect(names(await search(admin, 'nguyen van a'))).toEqual(expect.arrayContaining(['Nguyễn Văn A', 'Nguyễn Văn Anh']));
  });

  it('an auditor may not search or open personal details', async () => {
    expect((await call(base, 'GET', '/v1/staff/residents?q=nguyen', { headers: auditor.headers })).status).toBe(403);
    expect((await post(auditor, ids.vanA, 'open', { purpose: 'billing', reason: 'Kiểm tra hóa đơn' })).status).toBe(403);
    // A lobby kiosk is no staff workstation.
    expect((await call(base, 'GET', '/v1/staff/residents?q=nguyen', { headers: kiosk.header })).status).toBe(403);
  });

  it('opening a profile needs a purpose and a reason, and writes exactly one audit event the resident sees at the kiosk', async () => {
    const demoResident = await db.selectFrom('residents').select(['id', 'phone_e164']).where('phone_e164', '=', demo.residents[0]!.phone).executeTakeFirstOrThrow();
    expect((await post(care, demoResident.id, 'open', { purpose: 'billing', reason: ' ' })).status).toBe(400);
    expect((await post(care, demoResident.id, 'open', { reason: 'Kiểm tra hóa đơn' })).status).toBe(400);
    expect(await auditOf(demoResident.id)).toEqual([]);

    const shown = profile(await post(care, demoResident.id, 'open', { purpose: 'resident_request', reason: 'Cư dân gọi hỏi về hóa đơn nước' }));
    expect(shown).toMatchObject({ id: demoResident.id, phoneE164: demoResident.phone_e164, fullName: demo.residents[0]!.fullName, movedOutAt: null });
    expect(shown.units.map((u) => u.label)).toContain(demo.residents[0]!.unitLabel);
    const events = await auditOf(demoResident.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'profile.viewed', reason: 'Cư dân gọi hỏi về hóa đơn nước', actor_id: care.staffId });
    expect(JSON.parse(events[0]!.detail ?? '{}')).toMatchObject({ purpose: 'resident_request' });

    // The resident, signed in at the lobby kiosk, sees who looked and why.
    const { requestId } = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: demoResident.phone_e164 }, headers: kiosk.header })).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: await latestCode(base, demoResident.phone_e164) }, headers: kiosk.header });
    const { token } = OtpVerifyResponse.parse(verified.body);
    clock.advance(61);
    const log = AccessLogResponse.parse((await call(base, 'GET', '/v1/me/access-log', { headers: { ...kiosk.header, authorization: `Bearer ${token}` } })).body);
    expect(log.entries.filter((e) => e.action === 'profile.viewed')).toEqual([expect.objectContaining({ reason: 'Cư dân gọi hỏi về hóa đơn nước', actor: expect.objectContaining({ kind: 'staff', role: 'care' }) })]);
  });

  it('an edit needs a reason, writes one audit event, keeps the search current, and tells the old number of a phone change', async () => {
    expect((await post(care, ids.dang, 'edit', { field: 'email', value: 'hoa.dang@example.vn' })).status).toBe(400);
    const emailed = profile(await post(care, ids.dang, 'edit', { field: 'email', value: 'Hoa.Dang@Example.vn', reason: 'Cư dân đến quầy xin cập nhật email' }));
    expect(emailed.email).toBe('hoa.dang@example.vn');
    expect(names(await search(manager, 'hoa.dang@'))).toEqual(['Đặng Thị Hòa']);

    const taken = await post(care, ids.dang, 'edit', { field: 'phone', value: '0938 111 222', reason: 'Số mới của cư dân' });
    expect(taken.status).toBe(409);
    expect(errorOf(taken).code).toBe('phone_in_use');
    expect((await post(care, ids.dang, 'edit', { field: 'phone', value: '12345', reason: 'Số mới của cư dân' })).status).toBe(400);

    const phoned = profile(await post(care, ids.dang, 'edit', { field: 'phone', value: '0938 555 666', reason: 'Cư dân đổi số, đã xác minh CCCD tại quầy' }));
    expect(phoned.phoneE164).toBe('+84938555666');
    expect(names(await search(manager, '0938 555'))).toEqual(['Đặng Thị Hòa']);
    expect((await search(manager, '0938111333')).total).toBe(0);
    await expect.poll(async () => (await smsSentTo(base, '+84938111333')).length).toBe(1);

    const renamed = profile(await post(manager, ids.dang, 'edit', { field: 'name', value: 'Đặng Thị Hoà Bình', reason: 'Sửa theo CCCD' }));
    expect(renamed.fullName).toBe('Đặng Thị Hoà Bình');
    expect(names(await search(manager, 'hoa binh'))).toEqual(['Đặng Thị Hoà Bình']);

    expect((await auditOf(ids.dang)).map((e) => [e.action, e.reason, e.actor_id])).toEqual([
      ['profile.email_changed', 'Cư dân đến quầy xin cập nhật email', care.staffId],
      ['profile.phone_changed', 'Cư dân đổi số, đã xác minh CCCD tại quầy', care.staffId],
      ['profile.name_changed', 'Sửa theo CCCD', manager.staffId],
    ]);
  });

  it('a unit lists its household; a resident can live in several units', async () => {
    const unit = await db.selectFrom('units').select(['id']).where('building_id', '=', demo.buildingId).where('label', '=', 'B-1203').executeTakeFirstOrThrow();
    const second = await db.selectFrom('units').select(['id']).where('building_id', '=', demo.buildingId).where('label', '=', 'A-0505').executeTakeFirstOrThrow();
    await directoryTables(db).insertInto('resident_units').values({ resident_id: ids.tran, unit_id: second.id, role: 'owner', since: clock.now().toISOString(), until: null }).execute();
    const reply = await call(base, 'GET', `/v1/staff/units/${unit.id}/household`, { headers: care.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const household = HouseholdResponse.parse(reply.body);
    expect(household.unit.label).toBe('B-1203');
    expect(household.members.map((m) => m.residentId)).toEqual(expect.arrayContaining([ids.vanA, ids.tran]));
    expect(JSON.stringify(household)).not.toContain('938111222');
    const owner = HouseholdResponse.parse((await call(base, 'GET', `/v1/staff/units/${second.id}/household`, { headers: care.headers })).body);
    expect(owner.members.find((m) => m.residentId === ids.tran)).toMatchObject({ role: 'owner' });
    expect((await call(base, 'GET', '/v1/staff/units/u-none/household', { headers: care.headers })).status).toBe(404);
  });

  it('move-out: managers only, with a date and reason; it starts the retention clock, closes the household link and is audited once', async () => {
    const today = vietnamDate(clock.now());
    const body = { date: today, reason: 'Hết hợp đồng thuê, đã bàn giao căn hộ' };
    const midnight = new Date(`${today}T00:00:00+07:00`).toISOString();
    expect((await post(care, ids.vanA, 'move-out', body)).status).toBe(403);
    expect((await post(manager, ids.vanA, 'move-out', { ...body, date: '2099-01-01' })).status).toBe(400);
    expect((await post(manager, ids.vanA, 'move-out', { ...body, date: '2020-01-01' })).status).toBe(400);
    const moved = profile(await post(manager, ids.vanA, 'move-out', body));
    // Midnight in Vietnam, stored in UTC.
    expect(moved.movedOutAt).toBe(midnight);
    const again = await post(manager, ids.vanA, 'move-out', body);
    expect(again.status).toBe(409);
    const unit = await db.selectFrom('residents').select('unit_id').where('id', '=', ids.vanA).executeTakeFirstOrThrow();
    const household = HouseholdResponse.parse((await call(base, 'GET', `/v1/staff/units/${unit.unit_id}/household`, { headers: manager.headers })).body);
    expect(household.members.map((m) => m.residentId)).not.toContain(ids.vanA);
    // Still found (the office may need the record until retention ends), marked as moved out.
    expect((await search(manager, 'nguyen van a')).residents.find((r) => r.id === ids.vanA)).toMatchObject({ movedOutAt: midnight });
    const events = (await auditOf(ids.vanA)).filter((e) => e.action === 'resident.moved_out');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: body.reason, actor_id: manager.staffId });
    expect(JSON.parse(events[0]!.detail ?? '{}')).toMatchObject({ movedOutOn: today });
  });
});
