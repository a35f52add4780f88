/**
 * Consents and the policy over real loopback HTTP, on SQLite and PostgreSQL: the policy
 * routes, consent changes through `sync/push` (`consent.set`) with every field recorded and
 * a receipt sent after the commit, the refusals that leave nothing behind, the receipt by
 * email, withdrawal stopping the bill-reminder SMS, and re-consent after a policy change.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentsResponse, DevSmsOutboxResponse, OtpRequestResponse, OtpVerifyResponse, PolicyResponse, PolicyVersionsResponse, SyncPushResponse } from '../../../shared/hub-api';
import type { SyncOperation, SyncOperationResult } from '../../../shared/hub-api';
import { createDevMailAdapter, createDevSmsAdapter, createHub } from '../../../server/app';
import type { DemoInfo, DevMailAdapter, DevSmsAdapter, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { listConsentRecords } from '../../../server/db/consents';
import { createIdGenerator } from '../../../server/ids';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, latestCode, T0 } from './helpers';
import type { Device } from './helpers';

const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));

describe.each(backends)('consents and policy on $name', (backend) => {
  const clock = createTestClock(T0);
  const logs = createMemoryLogger('hub');
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let devSms: DevSmsAdapter;
  let devMail: DevMailAdapter;
  /** Set to make the next SMS fail, as a gateway outage would. */
  let smsDown = false;
  /** Set to hold every SMS until it is released, as a gateway that takes its time would. */
  let smsGate: Promise<void> | null = null;

  beforeAll(async () => {
    database = await backend.create();
    devSms = createDevSmsAdapter({ clock: clock.now });
    devMail = createDevMailAdapter({ clock: clock.now });
    const sms: DevSmsAdapter = {
      messages: () => devSms.messages(),
      async send(to, body) {
        if (smsDown) throw new Error(`gateway refused message to ${to}`);
        if (smsGate) await smsGate;
        await devSms.send(to, body);
      },
    };
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: logs.logger, terminal: { print: () => {} }, sms, mail: devMail });
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

  const smsTo = (phone: string): string[] => DevSmsOutboxResponse.parse({ messages: devSms.messages() }).messages.filter((m) => m.to === phone).map((m) => m.body);

  const sessions = new Map<string, OtpVerifyResponse & { residentId: string }>();
  /** One session per resident for the whole suite: the OTP send limits stay as in production. */
  async function login(phone: string): Promise<OtpVerifyResponse & { residentId: string }> {
    const known = sessions.get(phone);
    if (known) return known;
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode({ messages: devSms.messages() }, phone) }, headers: kiosk.header });
    expect(verified.status).toBe(200);
    const session = OtpVerifyResponse.parse(verified.body);
    const row = await db.selectFrom('residents').select('id').where('phone_e164', '=', phone).executeTakeFirstOrThrow();
    sessions.set(phone, { ...session, residentId: row.id });
    return sessions.get(phone)!;
  }

  async function consents(token: string): Promise<ConsentsResponse> {
    const reply = await call(base, 'GET', '/v1/me/consents', { headers: { ...kiosk.header, authorization: `Bearer ${token}` } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return ConsentsResponse.parse(reply.body);
  }

  function op(sessionId: string, kind: string, payload: unknown): SyncOperation {
    return { id: newId(), kind, createdAt: clock.now().toISOString(), sessionId, payload: payload as SyncOperation['payload'] };
  }

  /** Pushes, then waits until the receipts the hub sends after answering are out. */
  async function push(...operations: SyncOperation[]): Promise<SyncOperationResult[]> {
    const reply = await call(base, 'POST', '/v1/sync/push', { json: { operations }, headers: kiosk.header });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await hub.settled();
    return SyncPushResponse.parse(reply.body).results;
  }

  it('answers a push without waiting for its receipt, which still goes out once the gateway answers', async () => {
    // A resident none of the other cases uses (the banner lists only the first few).
    const listed = demo.residents.map((r) => r.phone);
    const phone = (await db.selectFrom('residents').select('phone_e164').where('phone_e164', 'not in', listed).orderBy('phone_e164').executeTakeFirstOrThrow()).phone_e164;
    const session = await login(phone);
    const before = smsTo(phone).length;
    let release = (): void => {};
    smsGate = new Promise<void>((resolve) => (release = resolve));
    try {
      const operation = op(session.sessionId, 'consent.set', { purposeId: 'news_promotions', granted: true, policyVersion: 2 });
      const reply = await call(base, 'POST', '/v1/sync/push', { json: { operations: [operation] }, headers: kiosk.header });
      expect(SyncPushResponse.parse(reply.body).results).toEqual([{ id: operation.id, status: 'applied' }]);
      expect(smsTo(phone)).toHaveLength(before);
    } finally {
      smsGate = null;
      release();
    }
    await hub.settled();
    expect(smsTo(phone).slice(before)).toHaveLength(1);
  });

  it('serves the current policy in both languages and its history, to devices only', async () => {
    const current = await call(base, 'GET', '/v1/policy', { headers: kiosk.header });
    expect(current.status).toBe(200);
    const { policy } = PolicyResponse.parse(current.body);
    expect(policy.version).toBe(2);
    expect(policy.effectiveFrom).toBe('2026-07-01');
    expect(policy.text.vi).toContain('Chính sách bảo mật');
    expect(policy.text.en).toContain('Privacy policy');
    expect(policy.changes?.en).toContain('Ahamove');
    expect(policy.purposes.map((p) => p.id)).toEqual(['service_notices', 'bill_reminders_sms', 'bill_reminders_email', 'surveys', 'news_promotions', 'delivery_partners', 'service_providers']);

    const history = PolicyVersionsResponse.parse((await call(base, 'GET', '/v1/policy/versions', { headers: kiosk.header })).body);
    expect(history.current).toBe(2);
    expect(history.versions.map((v) => [v.version, v.effectiveFrom])).toEqual([
      [2, '2026-07-01'],
      [1, '2026-01-01'],
    ]);
    expect(history.versions[1]!.changes).toBeNull();

    expect((await call(base, 'GET', '/v1/policy')).status).toBe(401);
    expect((await call(base, 'GET', '/v1/policy/versions')).status).toBe(401);
  });

  it('before version 2 took effect, version 1 is the current one and the only one in the history', async () => {
    clock.set(new Date('2026-06-30T16:59:00.000Z')); // 23:59 on 30/06 in Vietnam
    try {
      expect(PolicyResponse.parse((await call(base, 'GET', '/v1/policy', { headers: kiosk.header })).body).policy.version).toBe(1);
      expect(PolicyVersionsResponse.parse((await call(base, 'GET', '/v1/policy/versions', { headers: kiosk.header })).body).versions.map((v) => v.version)).toEqual([1]);
    } finally {
      clock.set(T0);
    }
  });

  it('lists every purpose for a resident who never chose: necessary on, optional off, nothing to review', async () => {
    const session = await login(demo.residents[0]!.phone);
    const list = await consents(session.token);
    expect(list.policyVersion).toBe(2);
    expect(list.receiptChannel).toBe('sms');
    for (const purpose of list.purposes) {
      expect(purpose.granted, purpose.id).toBe(purpose.necessary);
      expect(purpose.since).toBeNull();
      expect(purpose.needsReview).toBe(false);
    }
    expect(list.purposes.find((p) => p.id === 'service_notices')!.necessary).toBe(true);
    expect((await call(base, 'GET', '/v1/me/consents', { headers: kiosk.header })).status).toBe(401);
  });

  it('records a granted consent with every field and sends the receipt SMS', async () => {
    const phone = demo.residents[2]!.phone;
    const session = await login(phone);
    const before = smsTo(phone).length;
    const operation = op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: true, policyVersion: 2 });
    expect(await push(operation)).toEqual([{ id: operation.id, status: 'applied' }]);

    const records = await listConsentRecords(db, session.residentId);
    expect(records).toHaveLength(1);
    expect(records[0]).toEqual({
      id: expect.any(String),
      resident_id: session.residentId,
      purpose_id: 'surveys',
      granted: 1,
      policy_version: 2,
      channel: 'kiosk',
      device_id: kiosk.id,
      actor_kind: 'resident',
      actor_id: session.residentId,
      operation_id: operation.id,
      recorded_at: T0.toISOString(),
    });

    const receipts = smsTo(phone).slice(before);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain('ĐỒNG Ý "Khảo sát ý kiến"');
    expect(receipts[0]).toContain('GAVE consent to "Surveys"');
    expect(receipts[0]).toContain('25/11/2026 09:35');

    const surveys = (await consents(session.token)).purposes.find((p) => p.id === 'surveys')!;
    expect(surveys).toMatchObject({ granted: true, since: T0.toISOString(), choiceVersion: 2, needsReview: false });

    // Withdrawn: a second record, and a second receipt that says so.
    await push(op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: false, policyVersion: 2 }));
    expect((await listConsentRecords(db, session.residentId)).map((r) => r.granted)).toEqual([1, 0]);
    expect(smsTo(phone).slice(before)[1]).toContain('RÚT LẠI');
    expect((await consents(session.token)).purposes.find((p) => p.id === 'surveys')!.granted).toBe(false);
  });

  it('refuses an unknown purpose, an old policy version and withdrawing a necessary purpose, recording and sending nothing', async () => {
    const phone = demo.residents[3]!.phone;
    const session = await login(phone);
    const sent = smsTo(phone).length;
    const results = await push(
      op(session.sessionId, 'consent.set', { purposeId: 'lottery', granted: true, policyVersion: 2 }),
      op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: true, policyVersion: 1 }),
      op(session.sessionId, 'consent.set', { purposeId: 'service_notices', granted: false, policyVersion: 2 }),
    );
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'unknown_purpose'],
      ['rejected', 'policy_outdated'],
      ['rejected', 'consent_necessary'],
    ]);
    expect(await listConsentRecords(db, session.residentId)).toEqual([]);
    expect(smsTo(phone)).toHaveLength(sent);
    // A device-level operation (no resident session) cannot make a consent either.
    const [deviceLevel] = await push({ ...op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: true, policyVersion: 2 }), sessionId: null });
    expect(deviceLevel!.error?.code).toBe('forbidden');
  });

  it('sends the receipt by email when the resident chose it, and by SMS when they have no email', async () => {
    const phone = demo.residents[0]!.phone;
    const session = await login(phone);
    await db.updateTable('residents').set({ email: 'receipts.test@example.com' }).where('id', '=', session.residentId).execute();
    expect((await push(op(session.sessionId, 'consent.receipts', { channel: 'email' })))[0]!.status).toBe('applied');
    expect((await consents(session.token)).receiptChannel).toBe('email');
    const smsBefore = smsTo(phone).length;
    const mailBefore = devMail.messages().length;

    await push(op(session.sessionId, 'consent.set', { purposeId: 'bill_reminders_email', granted: true, policyVersion: 2 }));
    const mails = devMail.messages().slice(mailBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('receipts.test@example.com');
    expect(mails[0]!.text).toContain('Nhắc hóa đơn qua email');
    expect(mails[0]!.text).toContain('Bill reminders by email');
    expect(smsTo(phone)).toHaveLength(smsBefore);

    // The email is removed: receipts still reach the resident, by SMS.
    await db.updateTable('residents').set({ email: null }).where('id', '=', session.residentId).execute();
    await push(op(session.sessionId, 'consent.set', { purposeId: 'bill_reminders_email', granted: false, policyVersion: 2 }));
    expect(devMail.messages().slice(mailBefore)).toHaveLength(1);
    expect(smsTo(phone).slice(smsBefore)).toHaveLength(1);
  });

  it('keeps the consent when the receipt cannot be sent, and logs no phone number', async () => {
    const phone = demo.residents[1]!.phone;
    const session = await login(phone);
    smsDown = true;
    try {
      const operation = op(session.sessionId, 'consent.set', { purposeId: 'news_promotions', granted: true, policyVersion: 2 });
      expect(await push(operation)).toEqual([{ id: operation.id, status: 'applied' }]);
    } finally {
      smsDown = false;
    }
    expect((await listConsentRecords(db, session.residentId)).map((r) => [r.purpose_id, r.granted])).toEqual([['news_promotions', 1]]);
    expect((await consents(session.token)).purposes.find((p) => p.id === 'news_promotions')!.granted).toBe(true);
    const failure = logs.entries.find((e) => e.msg === 'Notice could not be sent');
    expect(failure).toBeDefined();
    expect(logs.text()).not.toContain(phone);
    expect(logs.text()).not.toContain(phone.slice(3));
  });

  it('sends bill reminders by SMS only to residents whose consent stands: a withdrawal stops them at once', async () => {
    const granted = await login(demo.residents[2]!.phone);
    const withdrawn = await login(demo.residents[3]!.phone);
    const due = new Date(T0.getTime() + 24 * 3600_000).toISOString().slice(0, 10);
    for (const who of [granted, withdrawn]) {
      const { unit_id } = await db.selectFrom('residents').select('unit_id').where('id', '=', who.residentId).executeTakeFirstOrThrow();
      await db
        .insertInto('bills')
        .values({ id: newId(), unit_id, service: 'cleaning', month: '2026-12', amount_vnd: 60_000, due_date: due, status: 'unpaid', paid_at: null, meter_unit: null, previous_reading: null, current_reading: null, created_at: T0.toISOString() })
        .execute();
    }
    await push(op(granted.sessionId, 'consent.set', { purposeId: 'bill_reminders_sms', granted: true, policyVersion: 2 }));
    await push(op(withdrawn.sessionId, 'consent.set', { purposeId: 'bill_reminders_sms', granted: true, policyVersion: 2 }));
    await push(op(withdrawn.sessionId, 'consent.set', { purposeId: 'bill_reminders_sms', granted: false, policyVersion: 2 }));
    const before = { granted: smsTo(demo.residents[2]!.phone).length, withdrawn: smsTo(demo.residents[3]!.phone).length };

    const report = await hub.billReminders.sendDueSoon({ withinDays: 2 });
    const toGranted = smsTo(demo.residents[2]!.phone).slice(before.granted);
    expect(toGranted).toHaveLength(1);
    expect(toGranted[0]).toContain('60.000 ₫');
    expect(smsTo(demo.residents[3]!.phone).slice(before.withdrawn)).toEqual([]);
    expect(report.sms.sent).toBeGreaterThanOrEqual(1);
    expect(report.sms.not_consented).toBeGreaterThanOrEqual(1);
  });

  it('asks a resident who chose under version 1 to review only the purpose whose recipients changed, and counts that choice as off until then', async () => {
    const session = await login(demo.residents[4]!.phone);
    const list = await consents(session.token);
    const delivery = list.purposes.find((p) => p.id === 'delivery_partners')!;
    expect(delivery).toMatchObject({ granted: true, choiceVersion: 1, needsReview: true });
    expect(list.purposes.filter((p) => p.needsReview).map((p) => p.id)).toEqual(['delivery_partners']);
    // Chosen under version 1 too, but unchanged since: it stands.
    expect(list.purposes.find((p) => p.id === 'bill_reminders_sms')).toMatchObject({ granted: true, choiceVersion: 1, needsReview: false });
    expect(await hub.consents.allows(session.residentId, 'delivery_partners')).toBe(false);
    expect(await hub.consents.allows(session.residentId, 'bill_reminders_sms')).toBe(true);

    await push(op(session.sessionId, 'consent.set', { purposeId: 'delivery_partners', granted: true, policyVersion: 2 }));
    const after = (await consents(session.token)).purposes.find((p) => p.id === 'delivery_partners')!;
    expect(after).toMatchObject({ granted: true, choiceVersion: 2, needsReview: false });
    expect(await hub.consents.allows(session.residentId, 'delivery_partners')).toBe(true);
  });

  it('writes one audit event per applied change, none for a refused one, and the chain still verifies', async () => {
    const session = await login(demo.residents[0]!.phone);
    const events = async (): Promise<{ action: string; actor_kind: string; detail: string | null }[]> =>
      (await sql<{ action: string; actor_kind: string; detail: string | null }>`select action, actor_kind, detail from audit_events where resident_id = ${session.residentId} and action = 'consents.changed' order by seq`.execute(db)).rows;
    const before = (await events()).length;
    await push(
      op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: true, policyVersion: 2 }),
      op(session.sessionId, 'consent.set', { purposeId: 'service_notices', granted: false, policyVersion: 2 }),
    );
    const after = (await events()).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ actor_kind: 'resident' });
    expect(JSON.parse(after[0]!.detail!)).toEqual({ granted: 'true', policyVersion: '2', purpose: 'surveys' });
    expect((await hub.audit.verify()).ok).toBe(true);
  });

  it('answers a bad payload as invalid input, not as a consent', async () => {
    const session = await login(demo.residents[0]!.phone);
    const [result] = await push(op(session.sessionId, 'consent.set', { purposeId: 'surveys', granted: 'yes', policyVersion: 2 }));
    expect(result!.error?.code).toBe('invalid_input');
  });
});
