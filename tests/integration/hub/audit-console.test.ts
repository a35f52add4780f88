/**
 * The console's audit log over loopback HTTP with real staff sign-in, on SQLite and
 * PostgreSQL: who may read it, the building it is scoped to, the filters and stable paging,
 * the reading itself audited once, the CSV export with formula-like cells neutralized, and the
 * chain check the console shows.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditExportResponse, AuditListResponse, AuditVerifyResponse } from '../../../shared/hub-api';
import type { AuditEventView } from '../../../shared/hub-api';
import type { DemoInfo, Hub } from '../../../server/app';
import type { HubDb } from '../../../server/db/connect';
import type { AuditTables } from '../../../server/db/audit';
import { signInStaff, signInWithPassword } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { startStaffTestHub } from './staff-hub';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';

const OTHER_BUILDING = 'b-audit-other';

describe.each(backends)('the console audit log over HTTP on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let manager: StaffSession;
  let care: StaffSession;
  let auditor: StaffSession;
  let outsider: StaffSession;
  let residentIds: string[];

  const audit = (): ReturnType<HubDb['withTables']> => db.withTables<AuditTables>();

  async function list(who: StaffSession, query = ''): Promise<AuditListResponse> {
    const reply = await call(base, 'GET', `/v1/audit/events${query}`, { headers: who.headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return AuditListResponse.parse(reply.body);
  }

  async function eventsBy(staffId: string, action: string): Promise<{ resident_id: string | null; reason: string | null; detail: string | null }[]> {
    return db
      .withTables<AuditTables>()
      .selectFrom('audit_events')
      .select(['resident_id', 'reason', 'detail'])
      .where('actor_id', '=', staffId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  beforeAll(async () => {
    ({ database, hub, base, demo, db } = await startStaffTestHub(backend, clock, { otherBuildingId: OTHER_BUILDING }));
    manager = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'manager' });
    residentIds = (await db.selectFrom('residents').select('id').where('building_id', '=', demo.buildingId).orderBy('id').limit(2).execute()).map((r) => r.id);
    const [first, second] = residentIds as [string, string];
    // Known events an hour apart: two by the manager on two residents, one by a job, and
    // reasons a spreadsheet would run as formulas.
    const reasons = ['=cmd|" /C calc"!A0', '+1 gọi lại', '-1', '@SUM(1)', '\tthụt lề', '\rđầu dòng', 'Cư dân nói "gấp", cần xem'];
    for (const [i, reason] of reasons.entries()) {
      clock.set(new Date(T0.getTime() + (i + 1) * 3600_000));
      await hub.audit.record(db, { buildingId: demo.buildingId, residentId: i % 2 === 0 ? first : second, actor: { kind: 'staff', staffId: manager.staffId }, action: 'profile.viewed', reason });
    }
    clock.set(new Date(T0.getTime() + 10 * 3600_000));
    await hub.audit.record(db, { buildingId: demo.buildingId, residentId: first, actor: { kind: 'system', job: 'receipts' }, action: 'consents.changed', reason: null, detail: { purpose: 'marketing' } });
    // Sessions are signed in after the events, so none of them has idled out.
    clock.set(new Date(T0.getTime() + 11 * 3600_000));
    const again = await signInWithPassword(base, { header: manager.deviceHeaders }, manager.username, manager.password, manager.phone);
    manager = { ...manager, token: again.token, headers: { ...manager.deviceHeaders, authorization: `Bearer ${again.token}` } };
    care = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'care' });
    auditor = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'auditor' });
    outsider = await signInStaff(hub, base, { buildingId: OTHER_BUILDING, role: 'manager' });
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('refuses customer care, a kiosk and a missing staff token', async () => {
    for (const path of ['/v1/audit/events', '/v1/audit/export', '/v1/audit/verify']) {
      const refused = await call(base, 'GET', path, { headers: care.headers });
      expect(refused.status, path).toBe(403);
      expect(errorOf(refused).code).toBe('forbidden');
      expect((await call(base, 'GET', path, { headers: manager.deviceHeaders })).status, path).toBe(401);
    }
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    expect((await call(base, 'GET', '/v1/audit/events', { headers: { ...kiosk.header, authorization: manager.headers['authorization']! } })).status).toBe(403);
    expect(await eventsBy(care.staffId, 'audit.viewed')).toEqual([]);
  });

  it('lists the building newest first, filtered by staff member, resident, action and time', async () => {
    const all = await list(manager);
    expect(all.events.map((e) => e.seq)).toEqual([...all.events.map((e) => e.seq)].sort((a, b) => b - a));
    const mine = await list(manager, `?staffId=${manager.staffId}&action=profile.viewed`);
    expect(mine.total).toBe(7);
    expect(mine.events.every((e) => e.actor.kind === 'staff' && e.actor.id === manager.staffId && e.actor.name === 'Nguyễn Thị Thu' && e.actor.role === 'manager')).toBe(true);
    const [first] = residentIds as [string];
    const forFirst = await list(manager, `?residentId=${first}`);
    expect(forFirst.events.map((e) => e.action)).toEqual(['consents.changed', 'profile.viewed', 'profile.viewed', 'profile.viewed', 'profile.viewed']);
    expect(forFirst.events[0]).toMatchObject({ actor: { kind: 'system', id: 'receipts' }, detail: { purpose: 'marketing' }, reason: null });
    // Hours 2 to 4 (the lower bound inclusive, the upper one exclusive), written without milliseconds.
    const window = await list(manager, `?action=profile.viewed&from=2026-11-25T04:35:00Z&to=2026-11-25T06:35:00.000Z`);
    expect(window.events.map((e) => e.reason)).toEqual(['-1', '+1 gọi lại']);
    const refused = await call(base, 'GET', '/v1/audit/events?action=drop.table', { headers: manager.headers });
    expect(refused.status).toBe(400);
  });

  it('pages stably while the reading itself adds events', async () => {
    const first = await list(auditor, '?limit=3');
    const second = await list(auditor, `?limit=3&offset=3&upToSeq=${first.headSeq}`);
    const third = await list(auditor, `?limit=3&offset=0&upToSeq=${first.headSeq}`);
    expect(third.events).toEqual(first.events);
    expect(second.total).toBe(first.total);
    const seqs = [...first.events, ...second.events].map((e) => e.seq);
    expect(new Set(seqs).size).toBe(6);
    expect(Math.min(...first.events.map((e) => e.seq))).toBeGreaterThan(Math.max(...second.events.map((e) => e.seq)));
  });

  it('audits each reading exactly once, with the filters and without a resident', async () => {
    const before = (await eventsBy(auditor.staffId, 'audit.viewed')).length;
    const [first] = residentIds as [string];
    await list(auditor, `?residentId=${first}&action=profile.viewed`);
    const after = await eventsBy(auditor.staffId, 'audit.viewed');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.resident_id).toBeNull();
    expect(JSON.parse(after.at(-1)!.detail!)).toMatchObject({ residentId: first, filterAction: 'profile.viewed', offset: '0', rows: '4' });
    // The reading shows up for the next reader, and never in the resident's own access log.
    const next = await list(manager, `?staffId=${auditor.staffId}&action=audit.viewed`);
    expect(next.events[0]).toMatchObject({ residentId: null, actor: { id: auditor.staffId, role: 'auditor' } });
  });

  it("keeps a manager of another building out of this building's log", async () => {
    const theirs = await list(outsider);
    expect(theirs.events.every((e: AuditEventView) => e.actor.id === outsider.staffId)).toBe(true);
    expect(theirs.events.some((e) => e.residentId !== null)).toBe(false);
    const [first] = residentIds as [string];
    expect((await list(outsider, `?residentId=${first}`)).total).toBe(0);
    const verify = await call(base, 'GET', `/v1/audit/verify?buildingId=${demo.buildingId}`, { headers: outsider.headers });
    expect(verify.status).toBe(403);
  });

  it('exports the filtered events as CSV with formula-like cells neutralized, audited once', async () => {
    const reply = await call(base, 'GET', `/v1/audit/export?staffId=${manager.staffId}&action=profile.viewed`, { headers: auditor.headers });
    expect(reply.status).toBe(200);
    const exported = AuditExportResponse.parse(reply.body);
    expect(exported).toMatchObject({ rows: 7, truncated: false });
    expect(exported.filename).toMatch(/^audit-.+\.csv$/);
    expect(exported.csv.startsWith('\ufeff"seq","at_utc","at_vietnam"')).toBe(true);
    const table = Papa.parse<string[]>(exported.csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    const header = table[0]!;
    const reasons = table.slice(1).map((row) => row[header.indexOf('reason')]);
    // A reason's leading tab or CR is trimmed when it is recorded; the rest get an apostrophe.
    expect(reasons).toEqual(['Cư dân nói "gấp", cần xem', 'đầu dòng', 'thụt lề', "'@SUM(1)", "'-1", "'+1 gọi lại", `'=cmd|" /C calc"!A0`]);
    // No cell at all starts as a formula.
    expect(table.flat().some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
    expect(table[1]![header.indexOf('at_vietnam')]).toBe('25/11/2026 16:35');
    const exports = await eventsBy(auditor.staffId, 'audit.exported');
    expect(exports).toHaveLength(1);
    expect(JSON.parse(exports[0]!.detail!)).toMatchObject({ staffId: manager.staffId, filterAction: 'profile.viewed', rows: '7' });
  });

  it('shows the chain check to an auditor, with the first broken link once a row is altered', async () => {
    const ok = AuditVerifyResponse.parse((await call(base, 'GET', '/v1/audit/verify', { headers: auditor.headers })).body);
    expect(ok.ok).toBe(true);
    const victim = (await list(manager, `?staffId=${manager.staffId}&action=profile.viewed&limit=1`)).events[0]!;
    await audit().updateTable('audit_events').set({ reason: 'Đã sửa' }).where('building_id', '=', demo.buildingId).where('seq', '=', victim.seq).execute();
    const broken = AuditVerifyResponse.parse((await call(base, 'GET', '/v1/audit/verify', { headers: auditor.headers })).body);
    expect(broken).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: victim.seq, problem: 'hash_mismatch' } });
  });
});
