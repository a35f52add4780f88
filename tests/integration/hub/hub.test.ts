import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillsResponse, DevSmsOutboxResponse, HealthResponse, hubRoutes, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { normalizeVietnamesePhone } from '../../../shared/phone';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { SchemaTooNewError } from '../../../server/db/migrate';
import { createMemoryLogger } from '../../fixtures/memory-logger';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Device, Reply } from './helpers';

describe.each(backends)('hub on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  /** Residents other than the demo one, each test taking its own so rate limits do not interfere. */
  let spare: { phone: string; unitLabel: string }[];
  const nextResident = (): { phone: string; unitLabel: string } => {
    const resident = spare.shift();
    if (!resident) throw new Error('out of spare residents');
    return resident;
  };

  beforeAll(async () => {
    database = await backend.create();
    // These tests enroll many devices from one address under a stopped clock; the throttle has its own tests (hub-hardening).
    const enrollmentLimits = { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } };
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, enrollmentLimits });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    spare = await db
      .selectFrom('residents as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.phone_e164 as phone', 'u.label as unitLabel'])
      .where('u.label', '!=', 'A-0101')
      .orderBy('r.id')
      .limit(20)
      .execute();
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function outbox(): Promise<DevSmsOutboxResponse> {
    const reply = await call(base, 'GET', '/v1/dev/sms-outbox');
    expect(reply.status).toBe(200);
    return DevSmsOutboxResponse.parse(reply.body);
  }

  async function login(device: Device, phone: string): Promise<OtpVerifyResponse> {
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: device.header });
    expect(requested.status).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(await outbox(), normalizeVietnamesePhone(phone) ?? phone) }, headers: device.header });
    expect(verified.status).toBe(200);
    return OtpVerifyResponse.parse(verified.body);
  }

  it('serves health and an OpenAPI document', async () => {
    const health = await call(base, 'GET', '/v1/health');
    expect(health.status).toBe(200);
    expect(HealthResponse.parse(health.body).ok).toBe(true);

    const openapi = await call(base, 'GET', '/v1/openapi.json');
    expect(openapi.status).toBe(200);
    const doc = openapi.body as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/devices/enroll', '/v1/auth/otp/request', '/v1/auth/otp/verify', '/v1/me/bills']));
    expect(JSON.stringify(doc.paths['/v1/auth/otp/verify']?.post?.requestBody)).toContain('"pattern":"^\\\\d{6}$"');
  });

  it('seeds ~200 units, ~300 residents and 24 months × ≥6 services in whole đồng, once', async () => {
    expect(demo.buildingName).toBe('Chung cư Sông Hồng Residence');
    expect(demo.residents[0]).toEqual({ fullName: 'Nguyễn Thị Mai', phone: '+84901234567', unitLabel: 'A-0101' });
    const count = async (table: 'units' | 'residents' | 'bills'): Promise<number> =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('units')).toBe(200);
    expect(await count('residents')).toBe(300);
    const bills = await count('bills');
    expect(bills).toBeGreaterThan(200 * 24 * 5);

    const months = await db.selectFrom('bills').select('month').distinct().orderBy('month').execute();
    expect(months).toHaveLength(24);
    expect(months.at(-1)?.month).toBe('2026-11');
    const services = await db.selectFrom('bills').select('service').distinct().execute();
    expect(services.length).toBeGreaterThanOrEqual(6);
    const amounts = await db.selectFrom('bills').select('amount_vnd').execute();
    expect(amounts.filter((a) => typeof a.amount_vnd !== 'number' || !Number.isSafeInteger(a.amount_vnd))).toEqual([]);

    // Idempotent: a second call returns the same building and adds nothing.
    const again = await hub.seedDemo();
    expect(again).toEqual(demo);
    expect(await count('bills')).toBe(bills);
  });

  it('enrolls a device with a one-time code; wrong, reused and expired codes get 401', async () => {
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    const first = await call(base, 'POST', '/v1/devices/enroll', { json: { code: code.toLowerCase(), name: 'Sảnh tòa B' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ buildingId: demo.buildingId, buildingName: demo.buildingName, mode: 'kiosk' });

    const reused = await call(base, 'POST', '/v1/devices/enroll', { json: { code, name: 'Again' } });
    expect(reused.status).toBe(401);
    expect(errorOf(reused).code).toBe('unauthorized');
    const wrong = await call(base, 'POST', '/v1/devices/enroll', { json: { code: 'AAAA-BBBB-CCCC-DDDD', name: 'Guess' } });
    expect(wrong.status).toBe(401);

    const expiring = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    clock.advance(24 * 3600);
    try {
      const expired = await call(base, 'POST', '/v1/devices/enroll', { json: { code: expiring, name: 'Late' } });
      expect(expired.status).toBe(401);
      expect(errorOf(expired)).toEqual(errorOf(wrong));
    } finally {
      clock.set(T0);
    }
    await expect(hub.createEnrollmentCode({ buildingId: 'no-such-building', mode: 'kiosk' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it("signs the demo resident in with the code from the dev outbox and lists only their unit's bills", async () => {
    const session = await login(kiosk, '0901 234 567');
    expect(session.resident).toMatchObject({ fullName: 'Nguyễn Thị Mai', unitLabel: 'A-0101', buildingName: demo.buildingName });
    expect(Date.parse(session.expiresAt) - T0.getTime()).toBe(15 * 60 * 1000);

    const reply = await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization: `Bearer ${session.token}` } });
    expect(reply.status).toBe(200);
    const { bills } = BillsResponse.parse(reply.body);
    const unitBills = await db
      .selectFrom('bills as b')
      .innerJoin('units as u', 'u.id', 'b.unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.label', '=', 'A-0101')
      .executeTakeFirstOrThrow();
    expect(bills).toHaveLength(Number(unitBills.n));
    expect(new Set(bills.map((b) => b.unitLabel))).toEqual(new Set(['A-0101']));
    expect(bills[0]?.month).toBe('2026-11');
    const months = bills.map((b) => b.month);
    expect([...months].sort().reverse()).toEqual(months);
    expect(new Set(months).size).toBe(24);
    // November is unpaid and not yet due; the demo flat also owes an overdue bill.
    expect(bills.filter((b) => b.month === '2026-11').every((b) => b.status === 'unpaid')).toBe(true);
    expect(bills.some((b) => b.status === 'overdue' && b.dueDate < '2026-11-25')).toBe(true);
    const electricity = bills.find((b) => b.service === 'electricity');
    expect(electricity?.consumption).toMatchObject({ unit: 'kWh' });

    // Another resident sees their own flat, not this one.
    const other = nextResident();
    const otherSession = await login(kiosk, other.phone);
    const otherBills = BillsResponse.parse((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization: `Bearer ${otherSession.token}` } })).body);
    expect(new Set(otherBills.bills.map((b) => b.unitLabel))).toEqual(new Set([other.unitLabel]));
  });

  it('answers a wrong code with attemptsLeft, then locks the code', async () => {
    const { phone } = nextResident();
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const code = latestCode(await outbox(), phone);
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (const left of [4, 3, 2, 1, 0]) {
      const reply = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: wrongCode }, headers: kiosk.header });
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toMatchObject({ code: 'wrong_code', attemptsLeft: left });
    }
    const locked = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code }, headers: kiosk.header });
    expect(locked.status).toBe(401);
    expect(errorOf(locked).code).toBe('code_locked');
  });

  it('binds the session token to the device that did the OTP', async () => {
    const other = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa B');
    const session = await login(kiosk, nextResident().phone);
    const bearer = { authorization: `Bearer ${session.token}` };

    expect((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, ...bearer } })).status).toBe(200);
    const stolen = await call(base, 'GET', '/v1/me/bills', { headers: { ...other.header, ...bearer } });
    expect(stolen.status).toBe(401);
    expect(errorOf(stolen).code).toBe('unauthorized');
    expect((await call(base, 'GET', '/v1/me/bills', { headers: bearer })).status).toBe(401);
    expect((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(401);

    clock.advance(15 * 60);
    try {
      expect((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, ...bearer } })).status).toBe(401);
    } finally {
      clock.set(T0);
    }
  });

  it('answers identically for an unknown number and sends it nothing', async () => {
    const known = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: nextResident().phone }, headers: kiosk.header });
    const before = (await outbox()).messages.length;
    const unknown = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: '0939 000 111' }, headers: kiosk.header });
    expect(unknown.status).toBe(known.status);
    const a = OtpRequestResponse.parse(known.body);
    const b = OtpRequestResponse.parse(unknown.body);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect({ ...b, requestId: 'x' }).toEqual({ ...a, requestId: 'x' });
    expect((await outbox()).messages).toHaveLength(before);

    const verify = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: b.requestId, code: '123456' }, headers: kiosk.header });
    expect(verify.status).toBe(401);
    expect(errorOf(verify)).toMatchObject({ code: 'wrong_code', attemptsLeft: 4 });
  });

  it('rate limits a quick resend with 429, retryAfterSeconds and Retry-After', async () => {
    const { phone } = nextResident();
    expect((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).status).toBe(200);
    const again = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
    expect(again.status).toBe(429);
    expect(errorOf(again)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 60 });
    expect(again.headers.get('retry-after')).toBe('60');
  });

  it('rejects malformed input with a typed 400, never a 500', async () => {
    const cases = [
      await call(base, 'POST', '/v1/devices/enroll', { raw: '{"code": "ABC' }),
      await call(base, 'POST', '/v1/devices/enroll', { raw: '' }),
      await call(base, 'POST', '/v1/devices/enroll', { raw: 'code=x', contentType: 'application/x-www-form-urlencoded' }),
      await call(base, 'POST', '/v1/devices/enroll', { json: [] }),
      await call(base, 'POST', '/v1/devices/enroll', { json: null }),
      await call(base, 'POST', '/v1/devices/enroll', { json: { code: 42, name: 'x' } }),
      await call(base, 'POST', '/v1/devices/enroll', { raw: '{"__proto__": {"x": 1}, "code": "ABCDEFGH", "name": "x"}' }),
      await call(base, 'POST', '/v1/devices/enroll', { json: { code: 'A'.repeat(100_000), name: 'x' } }),
      await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: 'not a phone' }, headers: kiosk.header }),
      await call(base, 'POST', '/v1/auth/otp/request', { json: {}, headers: kiosk.header }),
      await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId: 'x', code: '12345' }, headers: kiosk.header }),
      await call(base, 'GET', '/v1/dev/sms-outbox?to=garbage'),
    ];
    for (const reply of cases) {
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe('invalid_input');
      expect(errorOf(reply).message.length).toBeGreaterThan(0);
    }
    expect(errorOf(cases[8]!).message).toMatch(/0912 345 678/);
  });

  it('requires a device credential, and a kiosk for resident sign-in', async () => {
    const none = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: '0901234567' } });
    expect(none.status).toBe(401);
    const forged = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: '0901234567' }, headers: { 'x-kiot-device': `${kiosk.id}.forged-secret` } });
    expect(forged.status).toBe(401);
    const manager = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'manager' }), 'Văn phòng BQL');
    const fromManager = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone: '0901234567' }, headers: manager.header });
    expect(fromManager.status).toBe(403);
    expect(errorOf(fromManager).code).toBe('forbidden');
  });

  it('answers unknown routes with a JSON 404 and sets security headers', async () => {
    const reply = await call(base, 'GET', '/v1/nope?phone=0901234567');
    expect(reply.status).toBe(404);
    expect(errorOf(reply)).toEqual({ code: 'not_found', message: 'No route GET /v1/nope' });
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('filters the dev outbox by number', async () => {
    // Its own texts, to two residents, so the test does not lean on what earlier tests sent.
    const [first, second] = [nextResident(), nextResident()];
    for (const { phone } of [first, second]) {
      expect((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header })).status).toBe(200);
    }
    const reply = await call(base, 'GET', `/v1/dev/sms-outbox?to=${encodeURIComponent(first.phone)}`);
    expect(reply.status).toBe(200);
    const { messages } = DevSmsOutboxResponse.parse(reply.body);
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages.map((m) => m.to))).toEqual(new Set([first.phone]));
    expect((await outbox()).messages.map((m) => m.to)).toContain(second.phone);
  });

  it('runs as production does (dev mode off, no SMS adapter given): no outbox, and a code goes nowhere readable', async () => {
    const printed: string[] = [];
    const logs = createMemoryLogger('hub');
    const prod = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: logs.logger, terminal: { print: (line) => printed.push(line) } });
    try {
      const prodBase = await prod.listen();
      const device = await enroll(prodBase, await prod.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
      const { phone } = nextResident();
      const requested = await call(prodBase, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: device.header });
      expect(requested.status).toBe(200);
      // The answer carries no code…
      expect(Object.keys(OtpRequestResponse.parse(requested.body)).sort()).toEqual(['expiresAt', 'requestId', 'resendAfterSeconds']);
      expect(JSON.stringify(requested.body)).not.toMatch(/\b\d{6}\b/);
      // …there is no outbox to read it from, under either spelling of the number…
      for (const path of ['/v1/dev/sms-outbox', `/v1/dev/sms-outbox?to=${encodeURIComponent(phone)}`]) {
        const reply = await call(prodBase, 'GET', path);
        expect(reply.status).toBe(404);
        expect(errorOf(reply).code).toBe('not_found');
      }
      // …nothing was printed, and the log says no gateway is configured without the text or the number.
      expect(printed).toEqual([]);
      expect(logs.text()).toContain('No SMS gateway is configured');
      expect(logs.text()).not.toMatch(/\b\d{6}\b/);
      expect(logs.text()).not.toContain(phone.slice(-9));
    } finally {
      await prod.close();
    }
  });

  it('refuses a revoked device on every device route, and its resident sessions with it', async () => {
    const doomed = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa C');
    const session = await login(doomed, nextResident().phone);
    const headers = { ...doomed.header, authorization: `Bearer ${session.token}` };
    // Every route that needs a device, straight from the route table, so a new one is covered too.
    // Staff routes also need a staff session; staff-auth.test.ts checks a revoked workstation's.
    const guarded = Object.values(hubRoutes).filter((route) => route.caller.kind !== 'public' && route.caller.kind !== 'staff');
    const send = (route: (typeof guarded)[number]): Promise<Reply> => call(base, route.method, route.path, route.method === 'POST' ? { json: {}, headers } : { headers });

    const served: typeof guarded = [];
    for (const route of guarded) {
      const before = await send(route);
      if (before.status === 404) continue; // not served by this hub (e.g. dev-only)
      expect(before.status, `${route.method} ${route.path} before revoking`).not.toBe(401);
      served.push(route);
    }
    expect(served.map((r) => r.path)).toEqual(expect.arrayContaining(['/v1/auth/otp/request', '/v1/auth/otp/verify', '/v1/me/bills']));

    await db.updateTable('devices').set({ revoked_at: clock.now().toISOString() }).where('id', '=', doomed.id).execute();
    for (const route of served) {
      const after = await send(route);
      expect(after.status, `${route.method} ${route.path} after revoking`).toBe(401);
      expect(errorOf(after).code).toBe('unauthorized');
    }
    // The resident signed in on it is out too, whatever route they try.
    expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(401);
  });

  it('takes the session token only as the whole authorization header, "Bearer <token>"', async () => {
    const session = await login(kiosk, nextResident().phone);
    const bills = (authorization: string): Promise<Reply> => call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization } });
    expect((await bills(`Bearer ${session.token}`)).status).toBe(200);
    // The live token wrapped in anything else is not a bearer credential.
    for (const authorization of [`xBearer ${session.token}`, `Bearer ${session.token} x`, `Bearer ${session.token}.x`, `Basic ${session.token}`, session.token]) {
      const reply = await bills(authorization);
      expect(reply.status, authorization).toBe(401);
      expect(errorOf(reply).code).toBe('unauthorized');
    }
  });

  it('keeps a session for its full 15 minutes, to the second', async () => {
    const session = await login(kiosk, nextResident().phone);
    const headers = { ...kiosk.header, authorization: `Bearer ${session.token}` };
    try {
      clock.advance(15 * 60 - 1);
      expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(200);
      clock.advance(1);
      expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(401);
    } finally {
      clock.set(T0);
    }
  });

  it('refuses a resident session the hub has revoked, on the device that holds it', async () => {
    const session = await login(kiosk, nextResident().phone);
    const headers = { ...kiosk.header, authorization: `Bearer ${session.token}` };
    expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(200);

    await db.updateTable('resident_sessions').set({ revoked_at: clock.now().toISOString() }).where('id', '=', session.sessionId).execute();
    const after = await call(base, 'GET', '/v1/me/bills', { headers });
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('unauthorized');
  });

  it('has no dev outbox outside dev mode', async () => {
    const prod = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: silentLogger, sms: { send: async () => {} } });
    try {
      const prodBase = await prod.listen();
      const reply = await call(prodBase, 'GET', '/v1/dev/sms-outbox');
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('not_found');
      const doc = (await call(prodBase, 'GET', '/v1/openapi.json')).body as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).not.toContain('/v1/dev/sms-outbox');
    } finally {
      await prod.close();
    }
  });
});

describe.each(backends)('hub database versioning on $name', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('migrates a fresh database, reopens it, and refuses one from a newer hub', async () => {
    const hub = await createHub({ database: database.url, devMode: false, logger: silentLogger });
    await hub.close();
    const reopened = await createHub({ database: database.url, devMode: false, logger: silentLogger });
    await reopened.close();

    const db = openDatabase(database.url);
    try {
      await sql`insert into schema_migrations (version, name, applied_at) values (999, 'from-the-future', ${T0.toISOString()})`.execute(db);
    } finally {
      await db.destroy();
    }
    await expect(createHub({ database: database.url, devMode: false, logger: silentLogger })).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});
