/**
 * The deletion executor, on SQLite and PostgreSQL, over a real hub: a deletion cancelled or
 * held within the 5 days erases nothing; a due one erases every trace of the resident (on
 * SQLite not even the raw database file or its -wal holds their bytes), keeps the bills,
 * keeps the audit chain verifiable, tells every kiosk through a sync tombstone and sends one
 * final notice. A failure inside the erasure leaves the resident whole and the next run
 * erases; two hubs on one PostgreSQL erase once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContactChangeResponse,
  CreateRequestResponse,
  MyRequestResponse,
  RequestOtpResponse,
  DevMailOutboxResponse,
  DevRunJobsResponse,
  DevSmsOutboxResponse,
  OtpRequestResponse,
  OtpVerifyResponse,
  SyncPullResponse,
  SyncPushResponse,
} from '../../../shared/hub-api';
import type { SyncOperation } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { hmacSha256Base64url } from '../../../server/crypto';
import { openDatabase } from '../../../server/db/connect';
import { compactAfterErasure } from '../../../server/db/erasure';
import type { HubDb } from '../../../server/db/connect';
import { createIdGenerator } from '../../../server/ids';
import { createErasureService } from '../../../server/services/erasure';
import { createAuditService } from '../../../server/services/audit';
import { createSyncService } from '../../../server/services/sync';
import { createDevSmsAdapter } from '../../../server/adapters/sms/dev-sms';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, T0 } from './helpers';
import type { Device } from './helpers';

const DAY = 24 * 60 * 60;

type RequestRow = {
  id: string;
  building_id: string;
  resident_id: string;
  kind: string;
  status: string;
  details: string | null;
  third_party: number;
  created_at: string;
  acknowledge_due_at: string;
  act_due_at: string;
  erase_at: string | null;
  closed_at: string | null;
  hold_category: string | null;
  hold_reason: string | null;
  final_notice_channel: string | null;
  erased_at: string | null;
  updated_at: string;
};
type RequestTables = { data_requests: RequestRow };

/** A resident with values found nowhere else, so a byte scan for them means something. */
type Person = { id: string; unitId: string; phone: string; local: string; name: string; email: string; newEmail: string; address: string; correctedName: string };

describe.each(backends)('the deletion executor on $name', (backend) => {
  const clock = createTestClock(T0);
  const otpHmacKey = randomBytes(32);
  const newId = createIdGenerator(clock.now, (n) => randomBytes(n));
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, otpHmacKey });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const requests = () => db.withTables<RequestTables>();

  async function sms(): Promise<DevSmsOutboxResponse['messages']> {
    return DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages;
  }
  async function mails(): Promise<DevMailOutboxResponse['messages']> {
    return DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox')).body).messages;
  }
  const codeIn = (text: string): string => {
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    if (!code) throw new Error('no code in the message');
    return code;
  };

  async function runJobs(): Promise<DevRunJobsResponse['jobs']> {
    const reply = await call(base, 'POST', '/v1/dev/run-jobs');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return DevRunJobsResponse.parse(reply.body).jobs;
  }

  /** Inserts the resident, then puts them through a login, an email change, a correction and a consent. */
  async function distinctResident(): Promise<Person & { session: { headers: Record<string, string>; sessionId: string } }> {
    // Letters only: names refuse digits.
    const tag = [...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
    const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const unit = await db.selectFrom('units').select('id').where('building_id', '=', demo.buildingId).orderBy('label').limit(1).executeTakeFirstOrThrow();
    const person: Person = {
      id: newId(),
      unitId: unit.id,
      phone: `+84389${digits}`,
      local: `0389${digits}`,
      name: `Hoàng Thị Kiều Xóabiệt ${tag}`,
      email: `xoa.${tag}@example.vn`,
      newEmail: `xoa.moi.${tag}@example.vn`,
      address: `Số 77 ngõ Thuận Xóa ${tag}, Hà Nội`,
      correctedName: `Hoàng Kiều Đổitên ${tag}`,
    };
    const now = clock.now().toISOString();
    await db
      .withTables<{ residents: { contact_address: string | null } }>()
      .insertInto('residents')
      .values({ id: person.id, building_id: demo.buildingId, unit_id: person.unitId, full_name: person.name, phone_e164: person.phone, email: person.email, contact_address: person.address, created_at: now, updated_at: now })
      .execute();

    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: person.local }, headers: kiosk.header });
    expect(requested.status).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const codeSms = (await sms()).filter((m) => m.to === person.phone).at(-1);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: codeIn(codeSms!.body) }, headers: kiosk.header });
    expect(verified.status).toBe(200);
    const login = OtpVerifyResponse.parse(verified.body);
    const session = { headers: { ...kiosk.header, authorization: `Bearer ${login.token}` }, sessionId: login.sessionId };

    const started = await call(base, 'POST', '/v1/me/contact-changes', { json: { kind: 'email', newEmail: person.newEmail }, headers: session.headers });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const change = ContactChangeResponse.parse(started.body).change;
    const mail = (await mails()).filter((m) => m.to === person.newEmail).at(-1);
    const done = await call(base, 'POST', `/v1/me/contact-changes/${change.id}/verify`, { json: { target: 'new', code: codeIn(mail!.text) }, headers: session.headers });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const corrected = await call(base, 'POST', '/v1/me/correction-requests', { json: { field: 'name', value: person.correctedName }, headers: session.headers });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);

    const op: SyncOperation = { id: newId(), kind: 'consent.set', createdAt: clock.now().toISOString(), sessionId: session.sessionId, payload: { purposeId: 'surveys', granted: true, policyVersion: 2 } as SyncOperation['payload'] };
    const pushed = await call(base, 'POST', '/v1/sync/push', { json: { operations: [op] }, headers: kiosk.header });
    expect(pushed.status).toBe(200);
    expect(SyncPushResponse.parse(pushed.body).results[0]?.status).toBe('applied');
    await hub.settled();
    return { ...person, session };
  }

  type Session = { headers: Record<string, string>; sessionId: string };

  /** The resident asks at the kiosk: a fresh code by SMS, then the request with it. */
  async function askForDeletion(person: Person, session: Session, finalNotice: 'sms' | 'email' | 'none'): Promise<CreateRequestResponse['request']> {
    // The login code went to the same number a moment ago: resends wait a minute.
    clock.advance(61);
    const otp = await call(base, 'POST', '/v1/me/requests/otp', { headers: session.headers });
    expect(otp.status, JSON.stringify(otp.body)).toBe(200);
    const { challengeId } = RequestOtpResponse.parse(otp.body);
    const code = codeIn((await sms()).filter((m) => m.to === person.phone).at(-1)!.body);
    const created = await call(base, 'POST', '/v1/me/requests', { json: { kind: 'deletion', finalNotice, otpChallengeId: challengeId, code }, headers: session.headers });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const { request } = CreateRequestResponse.parse(created.body);
    expect(request).toMatchObject({ kind: 'deletion', status: 'received', finalNotice, eraseAt: new Date(clock.now().getTime() + 5 * DAY * 1000).toISOString() });
    return request;
  }

  /** The same row written directly (the held and crash cases, where the route is not the point). */
  async function requestDeletion(person: Person, finalNotice: 'sms' | 'email' | 'none'): Promise<string> {
    const id = newId();
    const now = clock.now();
    const at = (days: number): string => new Date(now.getTime() + days * DAY * 1000).toISOString();
    await requests()
      .insertInto('data_requests')
      .values({
        id,
        building_id: demo.buildingId,
        resident_id: person.id,
        kind: 'deletion',
        status: 'received',
        details: `Xin xóa dữ liệu của ${person.name}`,
        third_party: 0,
        created_at: now.toISOString(),
        acknowledge_due_at: at(2),
        act_due_at: at(15),
        erase_at: at(5),
        closed_at: null,
        hold_category: null,
        hold_reason: null,
        final_notice_channel: finalNotice,
        erased_at: null,
        updated_at: now.toISOString(),
      })
      .execute();
    return id;
  }

  const residentExists = async (id: string): Promise<boolean> => (await db.selectFrom('residents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const statusOf = async (id: string): Promise<string> => (await requests().selectFrom('data_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  /** Every row of every table as text: what a logical dump of the database would show. */
  async function dumpAllTables(): Promise<string> {
    const names =
      backend.name === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)).rows.map((r) => r.name);
    const parts: string[] = [];
    for (const name of names) parts.push(JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db)).rows));
    return parts.join('\n');
  }

  const needles = (p: Person): string[] => [p.phone, p.local, p.phone.slice(1), p.name, p.email, p.newEmail, p.address, p.correctedName];

  /** The raw bytes of the SQLite file and its write-ahead log, as they are on disk now. */
  function rawSqliteBytes(): Buffer {
    const parts = [readFileSync(database.url)];
    if (existsSync(`${database.url}-wal`)) parts.push(readFileSync(`${database.url}-wal`));
    return Buffer.concat(parts);
  }

  it('erases nothing for a deletion the resident cancelled within the five days', async () => {
    const me = await distinctResident();
    const { id } = await askForDeletion(me, me.session, 'sms');
    clock.advance(60);
    const cancelled = await call(base, 'POST', `/v1/me/requests/${id}/cancel`, { headers: me.session.headers });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(MyRequestResponse.parse(cancelled.body).request.status).toBe('cancelled');
    clock.advance(6 * DAY);
    expect((await runJobs())['erasure']).toEqual({ done: 0, failed: 0 });
    expect(await residentExists(me.id)).toBe(true);
    expect(await statusOf(id)).toBe('cancelled');
  });

  it('erases nothing before the five days are over, nor while the request is on legal hold', async () => {
    const me = await distinctResident();
    const id = await requestDeletion(me, 'sms');
    clock.advance(5 * DAY - 60);
    expect((await runJobs())['erasure']).toEqual({ done: 0, failed: 0 });
    expect(await residentExists(me.id)).toBe(true);

    await requests()
      .updateTable('data_requests')
      .set({ status: 'on_hold', hold_category: 'dispute', hold_reason: 'Tranh chấp phí quản lý đang được giải quyết', updated_at: clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    clock.advance(3 * DAY);
    expect((await runJobs())['erasure']).toEqual({ done: 0, failed: 0 });
    expect(await residentExists(me.id)).toBe(true);
    expect(await statusOf(id)).toBe('on_hold');
  });

  it('erases a due deletion everywhere: rows, raw file and -wal, with bills kept, the chain intact, a tombstone and one final notice', async () => {
    const me = await distinctResident();
    const billsBefore = await db.selectFrom('bills').select(['id', 'amount_vnd', 'status']).where('unit_id', '=', me.unitId).orderBy('id').execute();
    expect(billsBefore.length).toBeGreaterThan(0);
    const snapshot = await call(base, 'GET', '/v1/sync/pull', { headers: kiosk.header });
    let cursor = SyncPullResponse.parse(snapshot.body).cursor;
    const otherResident = await db.selectFrom('residents').select('id').where('unit_id', '=', me.unitId).where('id', '!=', me.id).executeTakeFirst();

    const { id } = await askForDeletion(me, me.session, 'sms');
    // Free text the resident wrote in another request, naming themselves.
    const objection = await call(base, 'POST', '/v1/me/requests', { json: { kind: 'objection', details: `Tôi là ${me.name}, xin dừng gửi khảo sát tới ${me.address}` }, headers: me.session.headers });
    expect(objection.status, JSON.stringify(objection.body)).toBe(200);
    // The values are really there before: the scans below would find them.
    const before = await dumpAllTables();
    for (const needle of [me.phone, me.name, me.newEmail, me.address, me.correctedName]) expect(before).toContain(needle);
    if (backend.name === 'sqlite') {
      const raw = rawSqliteBytes();
      for (const needle of [me.phone, me.name, me.email, me.newEmail, me.address]) expect(raw.includes(Buffer.from(needle, 'utf8')), needle).toBe(true);
    }

    // Then a new phone number: the old one now survives only in what the hub derived from it.
    const newPhone = `+84388${me.phone.slice(-6)}`;
    clock.advance(61);
    const smsMark = (await sms()).length;
    const started = await call(base, 'POST', '/v1/me/contact-changes', { json: { kind: 'phone', newPhone: `0${newPhone.slice(3)}`, hasOldPhone: true }, headers: me.session.headers });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const phoneChange = ContactChangeResponse.parse(started.body).change;
    const codes = (await sms()).slice(smsMark);
    for (const [target, to] of [['new', newPhone], ['old', me.phone]] as const) {
      const code = codeIn(codes.find((m) => m.to === to)!.body);
      const verified = await call(base, 'POST', `/v1/me/contact-changes/${phoneChange.id}/verify`, { json: { target, code }, headers: me.session.headers });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    }
    expect((await db.selectFrom('residents').select('phone_e164').where('id', '=', me.id).executeTakeFirstOrThrow()).phone_e164).toBe(newPhone);
    const oldHmac = hmacSha256Base64url(otpHmacKey, `phone:${me.phone}`);
    expect((await db.selectFrom('otp_sends').select('id').where('phone_hmac', '=', oldHmac).execute()).length).toBeGreaterThan(0);
    const smsBefore = (await sms()).length;
    clock.advance(5 * DAY + 60);
    expect((await runJobs())['erasure']).toEqual({ done: 1, failed: 0 });

    expect(await residentExists(me.id)).toBe(false);
    const request = await requests().selectFrom('data_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: 'done', erased_at: clock.now().toISOString(), closed_at: clock.now().toISOString() });
    for (const table of ['resident_sessions', 'otp_requests', 'consent_records', 'consent_receipt_prefs', 'contact_changes', 'correction_requests'] as const) {
      const left = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where resident_id = ${me.id}`.execute(db);
      expect(Number(left.rows[0]?.n), table).toBe(0);
    }
    for (const number of [me.phone, newPhone]) {
      const hmac = hmacSha256Base64url(otpHmacKey, `phone:${number}`);
      expect(await db.selectFrom('otp_sends').select('id').where('phone_hmac', '=', hmac).execute(), number).toEqual([]);
      expect(await db.selectFrom('otp_requests').select('id').where('phone_hmac', '=', hmac).execute(), number).toEqual([]);
    }

    // Nothing of them in any table, on either database.
    const everything = [...needles(me), newPhone, `0${newPhone.slice(3)}`];
    const after = await dumpAllTables();
    for (const needle of everything) expect(after.includes(needle), needle).toBe(false);
    // Nor in the bytes on disk: not in a freed page, not in an older frame of the -wal.
    if (backend.name === 'sqlite') {
      const raw = rawSqliteBytes();
      for (const needle of everything) expect(raw.includes(Buffer.from(needle, 'utf8')), `raw bytes hold ${needle}`).toBe(false);
    }

    // What the hub runs after a batch works on this database (VACUUM needs the table owner on PostgreSQL).
    const compaction = await compactAfterErasure(db);
    expect(compaction).toEqual(backend.name === 'sqlite' ? { dialect: 'sqlite', walCheckpointed: true } : expect.objectContaining({ dialect: 'postgres' }));

    // The bills stay as they were, on the unit; the unit's other residents are untouched.
    expect(await db.selectFrom('bills').select(['id', 'amount_vnd', 'status']).where('unit_id', '=', me.unitId).orderBy('id').execute()).toEqual(billsBefore);
    if (otherResident) expect(await residentExists(otherResident.id)).toBe(true);

    // One audit event, by the erasure job, with no personal data; the chain still verifies.
    const events = await db
      .withTables<{ audit_events: { resident_id: string | null; action: string; actor_kind: string; actor_id: string; detail: string | null; reason: string | null } }>()
      .selectFrom('audit_events')
      .select(['action', 'actor_kind', 'actor_id', 'detail', 'reason'])
      .where('resident_id', '=', me.id)
      .where('action', '=', 'data.erased')
      .execute();
    expect(events).toEqual([{ action: 'data.erased', actor_kind: 'system', actor_id: 'erasure', detail: JSON.stringify({ requestId: id }), reason: null }]);
    expect(await hub.audit.verify()).toMatchObject({ ok: true });

    // The kiosks hear of it on their next pull.
    const tombstones: SyncPullResponse['changes'] = [];
    for (;;) {
      const page = SyncPullResponse.parse((await call(base, 'GET', `/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, { headers: kiosk.header })).body);
      tombstones.push(...page.changes.filter((c) => c.type === 'resident_erased' && c.id === me.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(tombstones).toEqual([expect.objectContaining({ type: 'resident_erased', id: me.id, data: null })]);

    // One final notice, to the number they had at the end, in Vietnamese and English.
    expect((await sms()).slice(smsBefore).filter((m) => m.to === me.phone)).toEqual([]);
    const notices = (await sms()).slice(smsBefore).filter((m) => m.to === newPhone);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('đã được xóa');
    expect(notices[0]!.body).toContain('was erased');
    // The resident's session is gone with them.
    expect((await call(base, 'GET', '/v1/me/profile', { headers: me.session.headers })).status).toBe(401);

    // Nothing more to do: a second run erases nothing and sends nothing.
    expect((await runJobs())['erasure']).toEqual({ done: 0, failed: 0 });
    expect((await sms()).slice(smsBefore).filter((m) => m.to === newPhone)).toHaveLength(1);
  });

  it('sends the final notice by mail when the resident chose email, to the address read before the erasure', async () => {
    const me = await distinctResident();
    await requestDeletion(me, 'email');
    const mailsBefore = (await mails()).length;
    clock.advance(5 * DAY + 60);
    expect((await runJobs())['erasure']).toEqual({ done: 1, failed: 0 });
    const notices = (await mails()).slice(mailsBefore);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: me.newEmail });
    expect(notices[0]!.subject).toContain('erased');
    expect(notices[0]!.text).toContain('đã xóa');
  });

  /** An erasure service of its own over the test's connection: only the erasure runs, with the test's hooks. */
  function erasureService(afterErase?: () => Promise<void>): ReturnType<typeof createErasureService> {
    return createErasureService({
      db,
      clock: clock.now,
      newId,
      audit: createAuditService({ db, clock: clock.now, newId }),
      sync: createSyncService({ db, clock: clock.now, newId }),
      sms: createDevSmsAdapter({ clock: clock.now, terminal: { print: () => {} }, logger: silentLogger }),
      mail: null,
      hmacKey: otpHmacKey,
      logger: silentLogger,
      ...(afterErase ? { afterErase } : {}),
    });
  }

  it('refuses the resident\'s waiting export when they are erased, so no copy of their data is made or kept afterwards', async () => {
    const me = await distinctResident();
    await askForDeletion(me, me.session, 'none');
    const asked = await call(base, 'POST', '/v1/me/requests', { json: { kind: 'export' }, headers: me.session.headers });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const exportId = CreateRequestResponse.parse(asked.body).request.id;
    clock.advance(5 * DAY + 60);
    expect(await erasureService().runDue()).toEqual({ done: 1, failed: 0 });
    const row = await requests().selectFrom('data_requests').select(['status', 'closed_at']).where('id', '=', exportId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'refused', closed_at: clock.now().toISOString() });
    // The export job finds nothing left to do for them.
    expect((await runJobs())['exports']).toEqual({ done: 0, failed: 0 });
  });

  it('rolls back an erasure that fails halfway: the resident is whole, the request still due, and the next run erases', async () => {
    const me = await distinctResident();
    const id = await requestDeletion(me, 'sms');
    clock.advance(5 * DAY + 60);
    const failing = erasureService(async () => {
      throw new Error('the power went out');
    });
    const tombstonesBefore = await db.withTables<{ sync_changes: { type: string; entity_id: string } }>().selectFrom('sync_changes').select('entity_id').where('entity_id', '=', me.id).execute();
    expect(await failing.runDue()).toEqual({ done: 0, failed: 1 });
    expect(await residentExists(me.id)).toBe(true);
    expect(await statusOf(id)).toBe('received');
    const left = await db.withTables<{ consent_records: { resident_id: string }; contact_changes: { resident_id: string } }>();
    expect((await left.selectFrom('consent_records').select('resident_id').where('resident_id', '=', me.id).execute()).length).toBeGreaterThan(0);
    expect((await left.selectFrom('contact_changes').select('resident_id').where('resident_id', '=', me.id).execute()).length).toBeGreaterThan(0);
    expect(await db.withTables<{ sync_changes: { type: string; entity_id: string } }>().selectFrom('sync_changes').select('entity_id').where('entity_id', '=', me.id).execute()).toEqual(tombstonesBefore);
    expect(await hub.audit.verify()).toMatchObject({ ok: true });

    expect((await hub.runJobsOnce())['erasure']).toEqual({ done: 1, failed: 0 });
    expect(await residentExists(me.id)).toBe(false);
    expect(await statusOf(id)).toBe('done');
  });

  it.runIf(backend.name === 'postgres')('erases once when two hubs on one PostgreSQL run the executor at the same moment', async () => {
    const second = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, otpHmacKey });
    try {
      const secondBase = await second.listen();
      const people = [await distinctResident(), await distinctResident(), await distinctResident()];
      for (const p of people) await requestDeletion(p, 'sms');
      const smsBefore = { first: (await sms()).length, second: DevSmsOutboxResponse.parse((await call(secondBase, 'GET', '/v1/dev/sms-outbox')).body).messages.length };
      clock.advance(5 * DAY + 60);
      const [a, b] = await Promise.all([hub.runJobsOnce(), second.runJobsOnce()]);
      expect(a['erasure']!.failed + b['erasure']!.failed).toBe(0);
      expect(a['erasure']!.done + b['erasure']!.done).toBe(people.length);
      for (const p of people) {
        expect(await residentExists(p.id)).toBe(false);
        const audits = await sql<{ n: number }>`select count(*) as n from audit_events where resident_id = ${p.id} and action = 'data.erased'`.execute(db);
        expect(Number(audits.rows[0]?.n)).toBe(1);
        const tombstones = await sql<{ n: number }>`select count(*) as n from sync_changes where entity_id = ${p.id} and type = 'resident_erased'`.execute(db);
        expect(Number(tombstones.rows[0]?.n)).toBe(1);
        const sent = [
          ...(await sms()).slice(smsBefore.first),
          ...DevSmsOutboxResponse.parse((await call(secondBase, 'GET', '/v1/dev/sms-outbox')).body).messages.slice(smsBefore.second),
        ].filter((m) => m.to === p.phone);
        expect(sent).toHaveLength(1);
      }
      expect(await hub.audit.verify()).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });
});
