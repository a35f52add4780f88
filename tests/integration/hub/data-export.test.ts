/**
 * "Send me a copy of my data" on SQLite and PostgreSQL: the `exports` job over a real hub's
 * database. By email the copy lands in the dev mail outbox with the JSON attached (consent
 * history, access log, nothing of the other resident of the same unit, no secrets); for pickup
 * it is prepared and waits in progress; a held request is left alone; a failed mail is sent
 * again later, once; two hub instances on one PostgreSQL running the job at once send one mail.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMailOutboxResponse } from '../../../shared/hub-api';
import { createDevMailAdapter, createHub } from '../../../server/app';
import type { DemoInfo, DevMailAdapter, Hub, MailAdapter } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { createIdGenerator } from '../../../server/ids';
import { createExportJob } from '../../../server/jobs/export-job';
import type { HubJob } from '../../../server/jobs/job';
import { createAuditService } from '../../../server/services/audit';
import { createDataExportService } from '../../../server/services/data-export';
import type { ExportDocument } from '../../../server/services/data-export';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, T0 } from './helpers';

const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));

type Person = { id: string; unitId: string; fullName: string; phone: string; email: string | null };

describe.each(backends)('data export on $name', (backend) => {
  const clock = createTestClock(T0);
  const logs = createMemoryLogger('hub');
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let devMail: DevMailAdapter;
  let target: Person;
  let neighbour: Person;

  /** The job as one hub instance runs it, on its own connection pool. */
  function exportJob(onDb: HubDb, mail: MailAdapter = devMail): HubJob {
    const audit = createAuditService({ db: onDb, clock: clock.now, newId });
    return createExportJob({
      db: onDb,
      clock: clock.now,
      newId,
      exports: createDataExportService({ db: onDb, clock: clock.now, audit }),
      audit,
      mail,
      logger: logs.logger.child('jobs'),
    });
  }

  async function person(id: string): Promise<Person> {
    const row = await db.selectFrom('residents').select(['id', 'unit_id', 'full_name', 'phone_e164', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id: row.id, unitId: row.unit_id, fullName: row.full_name, phone: row.phone_e164, email: row.email };
  }

  /** A resident of the demo building with nothing pending, given this email (or none). */
  async function freshResident(email: string | null): Promise<Person> {
    const used = await db.withTables<{ data_requests: { resident_id: string } }>().selectFrom('data_requests').select('resident_id').execute();
    const row = await db
      .selectFrom('residents')
      .select('id')
      .where('building_id', '=', demo.buildingId)
      .where('id', 'not in', [target.id, neighbour.id, ...used.map((u) => u.resident_id)])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('residents').set({ email }).where('id', '=', row.id).execute();
    return person(row.id);
  }

  async function insertExportRequest(residentId: string, opts: { delivery: 'email' | 'pickup'; status?: 'received' | 'acknowledged' | 'on_hold' }): Promise<string> {
    const id = newId();
    const at = clock.now().toISOString();
    const day = 24 * 3600 * 1000;
    const status = opts.status ?? 'received';
    await db
      .withTables<{ data_requests: Record<string, unknown> }>()
      .insertInto('data_requests')
      .values({
        id,
        building_id: demo.buildingId,
        resident_id: residentId,
        kind: 'export',
        status,
        created_at: at,
        acknowledge_due_at: new Date(clock.now().getTime() + 2 * day).toISOString(),
        act_due_at: new Date(clock.now().getTime() + 15 * day).toISOString(),
        acknowledged_at: status === 'acknowledged' ? at : null,
        hold_category: status === 'on_hold' ? 'dispute' : null,
        hold_reason: status === 'on_hold' ? 'Tranh chấp hóa đơn đang được xem xét' : null,
        export_delivery: opts.delivery,
        updated_at: at,
      })
      .execute();
    return id;
  }

  type RequestState = { status: string; export_json: string | null; export_summary: string | null; export_prepared_at: string | null; export_delivery: string | null };
  async function requestState(id: string): Promise<RequestState> {
    return db
      .withTables<{ data_requests: RequestState & { id: string } }>()
      .selectFrom('data_requests')
      .select(['status', 'export_json', 'export_summary', 'export_prepared_at', 'export_delivery'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function events(id: string): Promise<{ action: string; actor_kind: string; reason: string | null }[]> {
    return db
      .withTables<{ data_request_events: { request_id: string; action: string; actor_kind: string; reason: string | null; at: string; id: string } }>()
      .selectFrom('data_request_events')
      .select(['action', 'actor_kind', 'reason'])
      .where('request_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async function exportedAuditEvents(residentId: string): Promise<number> {
    const rows = await db
      .withTables<{ audit_events: { resident_id: string | null; action: string } }>()
      .selectFrom('audit_events')
      .select('action')
      .where('resident_id', '=', residentId)
      .where('action', '=', 'data.exported')
      .execute();
    return rows.length;
  }

  async function outbox(to: string): Promise<DevMailOutboxResponse['messages']> {
    const reply = await call(base, 'GET', `/v1/dev/mail-outbox?to=${encodeURIComponent(to)}`);
    expect(reply.status).toBe(200);
    return DevMailOutboxResponse.parse(reply.body).messages;
  }

  beforeAll(async () => {
    database = await backend.create();
    devMail = createDevMailAdapter({ clock: clock.now });
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: logs.logger, terminal: { print: () => {} }, mail: devMail });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);

    // Two residents of one unit: the export of one must carry nothing of the other.
    const shared = await db
      .selectFrom('residents')
      .select('unit_id')
      .where('building_id', '=', demo.buildingId)
      .groupBy('unit_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .orderBy('unit_id')
      .executeTakeFirstOrThrow();
    const pair = await db.selectFrom('residents').select('id').where('unit_id', '=', shared.unit_id).orderBy('id').limit(2).execute();
    await db.updateTable('residents').set({ email: 'nguoi.yeu.cau@example.vn' }).where('id', '=', pair[0]!.id).execute();
    await db.updateTable('residents').set({ email: 'hang.xom@example.vn' }).where('id', '=', pair[1]!.id).execute();
    target = await person(pair[0]!.id);
    neighbour = await person(pair[1]!.id);

    // Consent history: a grant, its withdrawal, and another grant; and one choice by the neighbour.
    const policy = await db.withTables<{ policy_versions: { version: number } }>().selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
    const version = Number(policy.v);
    const consent = async (residentId: string, purposeId: string, granted: boolean): Promise<void> => {
      await db.transaction().execute(async (trx) => {
        await hub.consents.record(trx, { residentId, purposeId, granted, policyVersion: version, channel: 'kiosk', deviceId: null, actor: { kind: 'resident', id: residentId }, operationId: null });
      });
      clock.advance(60);
    };
    await consent(target.id, 'surveys', true);
    await consent(target.id, 'surveys', false);
    await consent(target.id, 'news_promotions', true);
    await consent(neighbour.id, 'surveys', true);

    // Staff looked at both: each resident's access log has its own entry.
    const manager = await hub.staffAccess.addStaffMember({ buildingId: demo.buildingId, fullName: 'Phạm Thu Trang', role: 'manager' });
    await hub.staffAccess.viewResidentProfile(manager.id, target.id, 'Gọi lại về hóa đơn nước tháng trước');
    await hub.staffAccess.viewResidentProfile(manager.id, neighbour.id, 'Xác minh chủ xe trong bãi đỗ');
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('mails the copy to the resident with the JSON attached: consent history and access log, nothing of the neighbour, no secrets', async () => {
    const requestId = await insertExportRequest(target.id, { delivery: 'email' });
    // Through the hub's own job list, as the scheduler and `npm run jobs -- --once` run it.
    const reports = await hub.runJobsOnce();
    expect(reports['exports']).toEqual({ done: 1, failed: 0 });

    const mails = await outbox(target.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('A copy of your data');
    expect(mails[0]!.attachments).toEqual([{ filename: 'kiot-du-lieu-cua-toi.json', contentType: 'application/json; charset=utf-8', size: expect.any(Number) as number }]);
    expect(await outbox(neighbour.email!)).toHaveLength(0);

    const sent = devMail.sent().filter((m) => m.to === target.email);
    const file = sent[0]!.attachments![0]!;
    expect(mails[0]!.attachments![0]!.size).toBe(Buffer.byteLength(file.content, 'utf8'));
    const doc = JSON.parse(file.content) as ExportDocument;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.profile).toMatchObject({ residentId: target.id, fullName: target.fullName, phone: target.phone, email: target.email });
    expect(doc.consents.history.map((c) => [c.purposeId, c.granted])).toEqual([
      ['surveys', true],
      ['surveys', false],
      ['news_promotions', true],
    ]);
    expect(doc.consents.history.every((c) => c.policyVersion > 0)).toBe(true);
    expect(doc.consents.current.find((c) => c.purposeId === 'surveys')?.granted).toBe(false);
    expect(doc.consents.policyVersions.length).toBeGreaterThan(0);
    expect(doc.accessLog.map((e) => e.reason)).toContain('Gọi lại về hóa đơn nước tháng trước');
    expect(doc.bills.length).toBeGreaterThan(0);
    expect(doc.requests.map((r) => r.id)).toContain(requestId);

    // Nothing of the other resident of the same unit, and no secret of any kind.
    for (const text of [file.content, sent[0]!.text]) {
      expect(text).not.toContain(neighbour.id);
      expect(text).not.toContain(neighbour.phone);
      expect(text).not.toContain(neighbour.fullName);
      expect(text).not.toContain(neighbour.email!);
      expect(text).not.toContain('Xác minh chủ xe');
      expect(text).not.toMatch(/token_hash|code_hmac|phone_hmac|secret_hash/);
    }

    // The readable summary: Vietnamese then English, dates dd/MM/yyyy, money with separators.
    const text = sent[0]!.text;
    expect(text.indexOf('BẢN SAO DỮ LIỆU CỦA BẠN')).toBeLessThan(text.indexOf('A COPY OF YOUR DATA'));
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(text).toMatch(/\d{1,3}(\.\d{3})+ ₫/);
    expect(text).toMatch(/\d{1,3}(,\d{3})+ ₫/);

    const state = await requestState(requestId);
    expect(state.status).toBe('done');
    expect(state.export_json).toBe(file.content);
    expect(state.export_summary).not.toBeNull();
    expect((await events(requestId)).map((e) => [e.action, e.actor_kind])).toEqual([
      ['started', 'system'],
      ['completed', 'system'],
    ]);
    expect(await exportedAuditEvents(target.id)).toBe(1);
    expect((await hub.audit.verify(demo.buildingId)).ok).toBe(true);

    // A second run finds nothing to do and sends nothing.
    expect(await exportJob(db).run()).toEqual({ done: 0, failed: 0 });
    expect(await outbox(target.email!)).toHaveLength(1);
  });

  it('prepares a pickup export and leaves it in progress, ready at the office, without a mail', async () => {
    const resident = await freshResident(null);
    const requestId = await insertExportRequest(resident.id, { delivery: 'pickup', status: 'acknowledged' });
    const before = devMail.messages().length;
    expect(await exportJob(db).run()).toEqual({ done: 1, failed: 0 });

    const state = await requestState(requestId);
    expect(state.status).toBe('in_progress');
    expect(state.export_delivery).toBe('pickup');
    expect(state.export_prepared_at).toBe(clock.now().toISOString());
    expect((JSON.parse(state.export_json!) as ExportDocument).profile.residentId).toBe(resident.id);
    expect(await events(requestId)).toEqual([{ action: 'started', actor_kind: 'system', reason: 'ready_for_pickup' }]);
    expect(devMail.messages()).toHaveLength(before);

    clock.advance(3600);
    expect(await exportJob(db).run()).toEqual({ done: 0, failed: 0 });
    expect((await requestState(requestId)).status).toBe('in_progress');
    expect(await events(requestId)).toHaveLength(1);
  });

  it('leaves a held export alone', async () => {
    const resident = await freshResident('bi.tam.dung@example.vn');
    const requestId = await insertExportRequest(resident.id, { delivery: 'email', status: 'on_hold' });
    expect(await exportJob(db).run()).toEqual({ done: 0, failed: 0 });
    const state = await requestState(requestId);
    expect(state.status).toBe('on_hold');
    expect(state.export_json).toBeNull();
    expect(await events(requestId)).toEqual([]);
    expect(await outbox('bi.tam.dung@example.vn')).toEqual([]);
    expect(await exportedAuditEvents(resident.id)).toBe(0);
  });

  it('keeps a prepared export whose mail failed and sends it once on a later run', async () => {
    const resident = await freshResident('may.chu.loi@example.vn');
    const requestId = await insertExportRequest(resident.id, { delivery: 'email' });
    let down = true;
    const flaky: MailAdapter = {
      async send(message) {
        if (down) throw new Error('Mail server smtp.example.vn:587 refused the connection');
        await devMail.send(message);
      },
    };
    expect(await exportJob(db, flaky).run()).toEqual({ done: 0, failed: 1 });
    expect(await requestState(requestId)).toMatchObject({ status: 'in_progress', export_delivery: 'email' });
    expect((await requestState(requestId)).export_json).not.toBeNull();

    down = false;
    // The next minute's run: the failed attempt is still within its lease, so it is not sent yet.
    clock.advance(60);
    expect(await exportJob(db, flaky).run()).toEqual({ done: 0, failed: 0 });
    expect(await outbox('may.chu.loi@example.vn')).toHaveLength(0);

    clock.advance(5 * 60);
    expect(await exportJob(db, flaky).run()).toEqual({ done: 1, failed: 0 });
    expect(await exportJob(db, flaky).run()).toEqual({ done: 0, failed: 0 });
    expect(await outbox('may.chu.loi@example.vn')).toHaveLength(1);
    expect((await requestState(requestId)).status).toBe('done');
    expect((await events(requestId)).map((e) => e.action)).toEqual(['started', 'completed']);
    expect(await exportedAuditEvents(resident.id)).toBe(1);
    // The log says what failed without the address.
    expect(JSON.stringify(logs.entries)).not.toContain('may.chu.loi@example.vn');
  });

  it.runIf(backend.name === 'postgres')('two hub instances running the job at the same moment send one mail', async () => {
    const residents: Person[] = [];
    const ids: string[] = [];
    for (const email of ['hai.hub.1@example.vn', 'hai.hub.2@example.vn', 'hai.hub.3@example.vn']) {
      const resident = await freshResident(email);
      residents.push(resident);
      ids.push(await insertExportRequest(resident.id, { delivery: 'email' }));
    }
    const second = openDatabase(database.url);
    const third = openDatabase(database.url);
    try {
      const reports = await Promise.all([exportJob(db).run(), exportJob(second).run(), exportJob(third).run()]);
      expect(reports.reduce((sum, r) => sum + r.done, 0)).toBe(3);
      expect(reports.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    } finally {
      await second.destroy();
      await third.destroy();
    }
    for (const [i, r] of residents.entries()) {
      expect(await outbox(r.email!)).toHaveLength(1);
      expect((await events(ids[i]!)).map((e) => e.action)).toEqual(['started', 'completed']);
      expect(await exportedAuditEvents(r.id)).toBe(1);
    }
    expect((await hub.audit.verify(demo.buildingId)).ok).toBe(true);
  });
});
