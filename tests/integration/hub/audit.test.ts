/**
 * The audit trail over a real hub on SQLite and PostgreSQL: staff reads show up in the
 * signed-in resident's access log (and nobody else's), and any change to the stored chain —
 * an edited column, a deleted row in the middle or at the end, rows swapped — is reported
 * by verify with the seq of the first broken link, by the hub and by `npm run audit:verify`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogResponse, DevSmsOutboxResponse, hubRoutes, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { AuditEventRow } from '../../../server/db/audit';
import { auditEventHash } from '../../../server/services/audit';
import type { StaffMember } from '../../../server/services/staff-access';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Device } from './helpers';

type Events = { audit_events: AuditEventRow };

/** `npm run audit:verify` against the database, as an operator would run it. */
function runVerifyCli(database: string): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['server/audit-verify-cli.ts'], { env: { ...process.env, KIOT_DB: database }, timeout: 60_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, output: `${stdout}${stderr}` });
    });
  });
}

describe.each(backends)('audit trail on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let manager: StaffMember;
  let care: StaffMember;
  let otherBuildingId: string;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const staff = await hub.staffAccess.listStaff(demo.buildingId);
    manager = staff.find((s) => s.role === 'manager')!;
    care = staff.find((s) => s.role === 'care')!;
    otherBuildingId = `other-${randomBytes(4).toString('hex')}`;
    const stamp = T0.toISOString();
    await db.insertInto('buildings').values({ id: otherBuildingId, name: 'Chung cư Linh Đàm', address: 'Hoàng Mai, Hà Nội', created_at: stamp, updated_at: stamp }).execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function residentId(index: number): Promise<string> {
    const id = await hub.staffAccess.findResidentId(demo.buildingId, demo.residents[index]!.phone);
    if (id === null) throw new Error(`no demo resident ${index}`);
    return id;
  }

  async function signIn(index: number): Promise<Record<string, string>> {
    const phone = demo.residents[index]!.phone;
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    expect(requested.status).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(outbox, phone) }, headers: kiosk.header });
    expect(verified.status).toBe(200);
    return { ...kiosk.header, authorization: `Bearer ${OtpVerifyResponse.parse(verified.body).token}` };
  }

  async function accessLog(headers: Record<string, string>): Promise<AccessLogResponse['entries']> {
    const reply = await call(base, 'GET', '/v1/me/access-log', { headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return AccessLogResponse.parse(reply.body).entries;
  }

  async function chain(): Promise<AuditEventRow[]> {
    const rows = await db.withTables<Events>().selectFrom('audit_events').selectAll().where('building_id', '=', demo.buildingId).orderBy('seq').execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
  async function eventCount(): Promise<number> {
    return (await chain()).length;
  }

  it('the seeded demo has two staff members and one audited profile view', async () => {
    expect(manager.fullName).toBe('Nguyễn Thị Lan');
    expect(care.fullName).toBe('Trần Văn Hùng');
    const seeded = await accessLog(await signIn(1));
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ action: 'profile.viewed', actor: { kind: 'staff', role: 'manager', displayName: 'Nguyễn Thị Lan' } });
    expect(seeded[0]!.reason).toMatch(/thang máy/);
  });

  it("lists staff and system reads of the signed-in resident's data, newest first, with the reason, and nothing of anyone else's", async () => {
    const lan = await residentId(0);
    clock.advance(60);
    const profile = await hub.staffAccess.viewResidentProfile(manager.id, lan, 'Cư dân gọi hỏi về hóa đơn tháng 11');
    expect(profile.id).toBe(lan);
    clock.advance(60);
    await hub.audit.record(db, { buildingId: demo.buildingId, residentId: lan, actor: { kind: 'system', job: 'receipts' }, action: 'consents.viewed', reason: null });
    clock.advance(60);
    await hub.staffAccess.viewResidentProfile(care.id, lan, 'Xác minh số điện thoại theo yêu cầu');
    // The resident's own change is in the chain but is not "someone accessed my data".
    await hub.audit.record(db, { buildingId: demo.buildingId, residentId: lan, actor: { kind: 'resident', residentId: lan }, action: 'profile.email_changed', reason: null });

    const mine = await accessLog(await signIn(0));
    expect(mine.map((e) => [e.actor.kind === 'staff' ? e.actor.displayName : `system:${e.actor.job}`, e.action, e.reason])).toEqual([
      ['Trần Văn Hùng', 'profile.viewed', 'Xác minh số điện thoại theo yêu cầu'],
      ['system:receipts', 'consents.viewed', null],
      ['Nguyễn Thị Lan', 'profile.viewed', 'Cư dân gọi hỏi về hóa đơn tháng 11'],
    ]);
    expect(mine[0]!.actor).toEqual({ kind: 'staff', role: 'care', displayName: 'Trần Văn Hùng' });
    expect(mine[0]!.at).toBe(new Date(T0.getTime() + 180_000).toISOString());

    // Another resident of the same building sees none of it.
    expect(await accessLog(await signIn(2))).toEqual([]);
  });

  it('refuses a staff read without a reason, or of a resident in another building, and records nothing', async () => {
    const before = await eventCount();
    const target = await residentId(3);
    await expect(hub.staffAccess.viewResidentProfile(manager.id, target, '   ')).rejects.toMatchObject({ code: 'invalid_input' });
    const outsider = await hub.staffAccess.addStaffMember({ buildingId: otherBuildingId, fullName: 'Lê Văn Nam', role: 'manager' });
    const refused = hub.staffAccess.viewResidentProfile(outsider.id, target, 'Tò mò');
    await expect(refused).rejects.toBeInstanceOf(KiotError);
    await expect(refused).rejects.toMatchObject({ code: 'not_found' });
    await expect(hub.staffAccess.viewResidentProfile(manager.id, 'no-such-resident', 'Kiểm tra')).rejects.toMatchObject({ code: 'not_found' });
    // The audit service itself refuses an event naming staff of another building, or a blank reason.
    await expect(hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: outsider.id }, action: 'profile.viewed', reason: 'Tò mò' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: manager.id }, action: 'profile.viewed', reason: ' ' })).rejects.toMatchObject({ code: 'invalid_input' });
    // A reason is for a person to read: at most 500 characters, and exactly 500 is fine.
    await expect(hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: manager.id }, action: 'profile.viewed', reason: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'invalid_input' });
    // A system job must say which job it is.
    await expect(hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'system', job: '  ' }, action: 'profile.viewed', reason: null })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await eventCount()).toBe(before);
    await hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: manager.id }, action: 'profile.viewed', reason: 'y'.repeat(500) });
    expect(await eventCount()).toBe(before + 1);
    await db.withTables<Events>().deleteFrom('audit_events').where('reason', '=', 'y'.repeat(500)).execute();
    await sql`update audit_heads set seq = seq - 1, hash = (select hash from audit_events where building_id = ${demo.buildingId} order by seq desc limit 1) where building_id = ${demo.buildingId}`.execute(db);
    expect(await hub.audit.verify()).toMatchObject({ ok: true });
    expect(await accessLog(await signIn(3))).toEqual([]);
  });

  it("commits an event with its caller's transaction, and drops it when that transaction rolls back", async () => {
    const before = await chain();
    const target = await residentId(4);
    await expect(
      db.transaction().execute(async (trx) => {
        await hub.audit.record(trx, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: manager.id }, action: 'profile.phone_changed', reason: 'Cư dân đổi số' });
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await chain()).toEqual(before);
    expect(await hub.audit.verify(demo.buildingId)).toMatchObject({ ok: true });

    await db.transaction().execute(async (trx) => {
      await hub.audit.record(trx, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'staff', staffId: manager.id }, action: 'profile.phone_changed', reason: 'Cư dân đổi số', detail: { field: 'phone' } });
    });
    const after = await chain();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ seq: before.length + 1, prev_hash: before.at(-1)!.hash, detail: '{"field":"phone"}', actor_name: 'Nguyễn Thị Lan', actor_role: 'manager' });
    expect(await hub.audit.verify()).toMatchObject({ ok: true });
  });

  describe('verify', () => {
    /** The chain has at least five events here; the tamper tests use the middle one. */
    async function middle(): Promise<AuditEventRow> {
      const rows = await chain();
      expect(rows.length).toBeGreaterThanOrEqual(5);
      return rows[Math.floor(rows.length / 2)]!;
    }

    async function setColumn(id: string, column: keyof AuditEventRow, value: string | number | null): Promise<void> {
      await sql`update audit_events set ${sql.ref(column)} = ${value} where id = ${id}`.execute(db);
    }

    it('finds nothing wrong in an intact chain', async () => {
      const report = await hub.audit.verify();
      expect(report).toEqual({ ok: true, buildings: [{ buildingId: demo.buildingId, events: (await chain()).length }] });
    });

    const tampered: [keyof AuditEventRow, (row: AuditEventRow) => string | number | null][] = [
      ['id', () => 'forged-id'],
      ['resident_id', () => 'someone-else'],
      ['actor_kind', () => 'system'],
      ['actor_id', () => 'forged-actor'],
      ['actor_role', () => 'admin'],
      ['actor_name', () => 'Ai đó khác'],
      ['action', () => 'consents.viewed'],
      ['reason', () => 'Lý do khác'],
      ['detail', () => '{"field":"email"}'],
      ['at', (row) => new Date(Date.parse(row.at) - 86_400_000).toISOString()],
      ['prev_hash', () => 'A'.repeat(43)],
      ['hash', () => 'B'.repeat(43)],
    ];

    it.each(tampered)('reports the seq of a row whose %s was changed', async (column, forge) => {
      const row = await middle();
      await setColumn(row.id, column, forge(row));
      try {
        const report = await hub.audit.verify(demo.buildingId);
        expect(report.ok).toBe(false);
        if (!report.ok) expect(report.broken).toMatchObject({ buildingId: demo.buildingId, seq: row.seq });
      } finally {
        await setColumn(column === 'id' ? 'forged-id' : row.id, column, row[column]);
      }
      expect(await hub.audit.verify(demo.buildingId)).toMatchObject({ ok: true });
    });

    it('reports a changed row at the start and at the end of the chain too', async () => {
      const rows = await chain();
      for (const row of [rows[0]!, rows.at(-1)!]) {
        await setColumn(row.id, 'reason', 'Sửa lén');
        const report = await hub.audit.verify();
        expect(report).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: row.seq, problem: 'hash_mismatch' } });
        await setColumn(row.id, 'reason', row.reason);
      }
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it("reports a row moved to another building's chain or to another seq", async () => {
      const row = await middle();
      await setColumn(row.id, 'building_id', otherBuildingId);
      expect(await hub.audit.verify(demo.buildingId)).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: row.seq, problem: 'seq_gap' } });
      await setColumn(row.id, 'building_id', demo.buildingId);
      await setColumn(row.id, 'seq', 999_999);
      expect(await hub.audit.verify(demo.buildingId)).toMatchObject({ ok: false, broken: { seq: row.seq } });
      await setColumn(row.id, 'seq', row.seq);
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('reports a deleted row in the middle at its seq, and a deleted last row as a head mismatch', async () => {
      const row = await middle();
      await db.withTables<Events>().deleteFrom('audit_events').where('id', '=', row.id).execute();
      expect(await hub.audit.verify()).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: row.seq, problem: 'seq_gap' } });
      // Put back exactly as it was (a re-inserted original is indistinguishable, as it should be).
      await db.withTables<Events>().insertInto('audit_events').values(row).execute();
      expect(await hub.audit.verify()).toMatchObject({ ok: true });

      const last = (await chain()).at(-1)!;
      await db.withTables<Events>().deleteFrom('audit_events').where('id', '=', last.id).execute();
      expect(await hub.audit.verify()).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: last.seq, problem: 'head_mismatch' } });
      await db.withTables<Events>().insertInto('audit_events').values(last).execute();
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it("reports a chain whose head row was deleted as head_missing", async () => {
      const head = (await sql<{ building_id: string; seq: number; hash: string; updated_at: string }>`select * from audit_heads where building_id = ${demo.buildingId}`.execute(db)).rows[0]!;
      await sql`delete from audit_heads where building_id = ${demo.buildingId}`.execute(db);
      try {
        expect(await hub.audit.verify(demo.buildingId)).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: 1, problem: 'head_missing' } });
      } finally {
        await sql`insert into audit_heads (building_id, seq, hash, updated_at) values (${head.building_id}, ${head.seq}, ${head.hash}, ${head.updated_at})`.execute(db);
      }
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('reports a row appended past the head, whatever its hash', async () => {
      const last = (await chain()).at(-1)!;
      const forged = { ...last, seq: last.seq + 1, id: 'appended', prev_hash: last.hash, reason: 'Thêm vào sau' };
      await db.withTables<Events>().insertInto('audit_events').values({ ...forged, hash: auditEventHash(forged) }).execute();
      try {
        expect(await hub.audit.verify()).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: last.seq + 1, problem: 'head_mismatch' } });
      } finally {
        await db.withTables<Events>().deleteFrom('audit_events').where('id', '=', 'appended').execute();
      }
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('does not mistake events written while it runs for tampering', async () => {
      const target = await residentId(4);
      const writes = Array.from({ length: 20 }, (_, i) =>
        hub.audit.record(db, { buildingId: demo.buildingId, residentId: target, actor: { kind: 'system', job: 'reminders' }, action: 'consents.viewed', reason: null, detail: { n: String(i) } }),
      );
      const reports = await Promise.all([hub.audit.verify(), ...writes.map(async (w) => (await w, hub.audit.verify())), hub.audit.verify()]);
      for (const report of reports) expect(report).toMatchObject({ ok: true });
    });

    it('reports two rows swapped in order, and a forged row inserted in place of a deleted one', async () => {
      const rows = await chain();
      const [a, b] = [rows[1]!, rows[2]!];
      await setColumn(a.id, 'seq', -1).catch(() => setColumn(a.id, 'seq', 1_000_000));
      const parked = (await chain()).find((r) => r.id === a.id)!.seq;
      await setColumn(b.id, 'seq', a.seq);
      await setColumn(a.id, 'seq', b.seq);
      expect(await hub.audit.verify()).toMatchObject({ ok: false, broken: { buildingId: demo.buildingId, seq: a.seq } });
      await setColumn(a.id, 'seq', parked);
      await setColumn(b.id, 'seq', b.seq);
      await setColumn(a.id, 'seq', a.seq);
      expect(await hub.audit.verify()).toMatchObject({ ok: true });

      // A forger who deletes a row and writes another in its place (without the hashes).
      const victim = rows[3]!;
      await db.withTables<Events>().deleteFrom('audit_events').where('id', '=', victim.id).execute();
      await db.withTables<Events>().insertInto('audit_events').values({ ...victim, id: 'forged', reason: 'Bảo trì định kỳ' }).execute();
      expect(await hub.audit.verify()).toEqual({ ok: false, broken: { buildingId: demo.buildingId, seq: victim.seq, problem: 'hash_mismatch' } });
      await db.withTables<Events>().deleteFrom('audit_events').where('id', '=', 'forged').execute();
      await db.withTables<Events>().insertInto('audit_events').values(victim).execute();
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    });

    it('`npm run audit:verify` exits 0 on an intact database and 1 with the building and seq on a tampered one', async () => {
      const intact = await runVerifyCli(database.url);
      expect(intact.exitCode, intact.output).toBe(0);
      expect(intact.output).toMatch(/intact/);

      const row = await middle();
      await setColumn(row.id, 'actor_name', 'Người khác');
      try {
        const broken = await runVerifyCli(database.url);
        expect(broken.exitCode, broken.output).toBe(1);
        expect(broken.output).toContain(`building ${demo.buildingId}, seq ${row.seq}`);
      } finally {
        await setColumn(row.id, 'actor_name', row.actor_name);
      }
      if (backend.name === 'sqlite') {
        // A mistyped path is an error, and no empty database appears there.
        const missing = join(tmpdir(), `kiot-no-such-${randomBytes(4).toString('hex')}`, 'hub.sqlite');
        const refused = await runVerifyCli(missing);
        expect(refused.exitCode).toBe(1);
        expect(refused.output).toMatch(/No database at/);
        expect(existsSync(missing)).toBe(false);
      }
    }, 90_000);

    it('is declared for admins, managers and auditors at GET /v1/audit/verify, and refuses anyone without a staff session', async () => {
      expect(hubRoutes['audit.verify']).toMatchObject({ method: 'GET', path: '/v1/audit/verify', caller: { kind: 'staff', roles: ['admin', 'manager', 'auditor'] } });
      const anonymous = await call(base, 'GET', '/v1/audit/verify');
      expect(anonymous.status).toBe(401);
      // Staff work only from manager workstations: a kiosk, even with a resident signed in, is refused.
      const fromKiosk = await call(base, 'GET', '/v1/audit/verify', { headers: kiosk.header });
      expect(fromKiosk.status).toBe(403);
      expect(errorOf(fromKiosk).code).toBe('forbidden');
      const resident = await call(base, 'GET', '/v1/audit/verify', { headers: await signIn(4) });
      expect(resident.status).toBe(403);
    });
  });

  it('answers the access log only to a signed-in resident', async () => {
    expect((await call(base, 'GET', '/v1/me/access-log')).status).toBe(401);
    expect((await call(base, 'GET', '/v1/me/access-log', { headers: kiosk.header })).status).toBe(401);
  });
});
