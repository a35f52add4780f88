/**
 * What an outside review of the hub found (issue 10, "Fix what the review found"), each
 * guarded here against the real hub over loopback HTTP.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DevSmsOutboxResponse, EnrollResponse, OtpRequestResponse, OtpVerifyResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub, SmsAdapter } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import { defaultEnrollmentLimits } from '../../../server/services/enrollment-throttle';
import type { EnrollmentLimits } from '../../../server/services/enrollment-throttle';
import type { HubDb } from '../../../server/db/connect';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Device, Reply } from './helpers';

/** For tests that enroll many devices from one address and are not about the throttle. */
const roomy = { perAddress: { windowSeconds: 60, max: 1000 }, overall: { windowSeconds: 60, max: 1000 } };
const quiet = { logger: silentLogger, terminal: { print: (): void => {} } };

describe('hub security headers', () => {
  const clock = createTestClock(T0);
  let hub: Hub;
  let base: string;
  beforeAll(async () => {
    hub = await createHub({ database: ':memory:', devMode: false, clock: clock.now, ...quiet });
    base = await hub.listen();
  });
  afterAll(async () => hub?.close());

  it('deny every browser feature and cross-origin sharing on success and error answers alike', async () => {
    const ok = await call(base, 'GET', '/v1/health');
    const refused = await call(base, 'POST', '/v1/devices/enroll', { json: { code: 'nope' } });
    const missing = await call(base, 'GET', '/v1/nope');
    expect([ok.status, refused.status, missing.status]).toEqual([200, 400, 404]);
    for (const reply of [ok, refused, missing]) {
      expect(reply.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(reply.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      const policy = reply.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(policy).toContain(`${feature}=()`);
    }
  });
});

describe('hub router refusals', () => {
  let hub: Hub;
  let base: string;
  beforeAll(async () => {
    hub = await createHub({ database: ':memory:', devMode: false, ...quiet });
    base = await hub.listen();
  });
  afterAll(async () => hub?.close());

  // Found by the route fuzzer: Fastify's router answers these itself, in its own shape.
  it.each([
    ['a path parameter that does not decode', '/v1/me/contact-changes/%zz/verify'],
    ['a path parameter over the length limit', `/v1/me/contact-changes/${'a'.repeat(500)}/verify`],
  ])('%s gets a typed invalid_input, with the security headers', async (_, path) => {
    const reply = await call(base, 'POST', path, { json: { target: 'new', code: '123456' } });
    expect(reply.status).toBe(400);
    expect(errorOf(reply).code).toBe('invalid_input');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('hub dev mode', () => {
  it('refuses to listen on a non-loopback address, and listens on loopback', async () => {
    const hub = await createHub({ database: ':memory:', devMode: true, ...quiet });
    try {
      await expect(hub.listen({ host: '0.0.0.0' })).rejects.toThrow(/KIOT_HUB_DEV=1 with KIOT_HUB_HOST=0\.0\.0\.0 is refused: dev mode publishes every login code/);
      expect(hub.app.server.listening).toBe(false);
      expect(await hub.listen({ host: '127.0.0.1' })).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await hub.close();
    }
  });
});

describe('hub device names', () => {
  const clock = createTestClock(T0);
  let dir: string;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiot-names-'));
    const file = join(dir, 'hub.sqlite');
    hub = await createHub({ database: file, devMode: false, clock: clock.now, enrollmentLimits: roomy, ...quiet });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(file);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const enrollNamed = async (name: string): Promise<Reply> =>
    call(base, 'POST', '/v1/devices/enroll', { json: { code: await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), name } });

  it('refuses control, bidirectional, format and markup characters, and empty or overlong names, with a 400 that says why', async () => {
    const refused = [
      'Sảnh\u0000A',
      'Sảnh\nA',
      'Sảnh\tA',
      'Lobby \u202Egnp.exe',
      'Lobby \u2066A\u2069',
      'Lobby\u200BA',
      'Lob\uFEFFby',
      '<img src=x onerror=alert(1)>',
      'Lobby > A',
      '   ',
      '\u00A0\u3000',
      'x'.repeat(65),
    ];
    const before = await db.selectFrom('devices').select('id').execute();
    for (const name of refused) {
      const reply = await enrollNamed(name);
      expect(reply.status, JSON.stringify(name)).toBe(400);
      expect(errorOf(reply).code).toBe('invalid_input');
      expect(errorOf(reply).message).toMatch(/^(Invalid request: name|Device name: )/);
    }
    expect(await db.selectFrom('devices').select('id').execute()).toEqual(before);
  });

  it('stores a name in NFC, trimmed, with runs of spaces made one', async () => {
    // "Sảnh" typed with combining marks (a + hook above + ...), padded and with wide gaps.
    const decomposed = '  Sa\u0309nh \u00A0\u3000 to\u0300a  A  ';
    const reply = await enrollNamed(decomposed);
    expect(reply.status).toBe(200);
    const { deviceId } = EnrollResponse.parse(reply.body);
    const row = await db.selectFrom('devices').select('name').where('id', '=', deviceId).executeTakeFirstOrThrow();
    expect(row.name).toBe('Sảnh tòa A');
    expect(row.name).toBe(row.name.normalize('NFC'));
    expect((await enrollNamed('x'.repeat(64))).status).toBe(200);
  });
});

describe('hub OTP sending', () => {
  it('writes the answer before a slow synchronous SMS adapter runs, so a registered number answers no later than an unknown one', async () => {
    const clock = createTestClock(T0);
    const responses: ServerResponse[] = [];
    const seen: { answerWritten: boolean; to: string }[] = [];
    const slowSms: SmsAdapter = {
      send: (to) => {
        // What the adapter sees when it starts: has the hub already handed the answer to the socket?
        seen.push({ answerWritten: responses.at(-1)?.writableEnded ?? false, to });
        // Deliberately slow synchronous work (bounded), the kind that used to delay the answer.
        const until = Date.now() + 30;
        while (Date.now() < until) void 0;
        return Promise.resolve();
      },
    };
    const hub = await createHub({ database: ':memory:', devMode: false, clock: clock.now, sms: slowSms, ...quiet });
    try {
      hub.app.addHook('onRequest', async (_request, reply) => void responses.push(reply.raw));
      const demo = await hub.seedDemo();
      const base = await hub.listen();
      const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
      const phone = demo.residents[0]!.phone;
      const reply = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
      expect(reply.status).toBe(200);
      await vi.waitFor(() => expect(seen).toHaveLength(1));
      expect(seen).toEqual([{ answerWritten: true, to: phone }]);
    } finally {
      await hub.close();
    }
  });
});

describe('hub enrollment throttle', () => {
  const clock = createTestClock(T0);
  const fresh = async (enrollmentLimits: Partial<EnrollmentLimits>): Promise<{ hub: Hub; base: string }> => {
    const hub = await createHub({ database: ':memory:', devMode: false, clock: clock.now, enrollmentLimits, ...quiet });
    return { hub, base: await hub.listen() };
  };
  const guess = (base: string, i: number): Promise<Reply> => call(base, 'POST', '/v1/devices/enroll', { json: { code: `GUESS-${String(i).padStart(4, '0')}`, name: 'Sảnh' } });

  it('answers 429 rate_limited with Retry-After once one address has used its tries, even with a good code, until the window moves on', async () => {
    const { hub, base } = await fresh({ perAddress: { windowSeconds: 600, max: 5 }, overall: { windowSeconds: 600, max: 1000 } });
    try {
      const demo = await hub.seedDemo();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await guess(base, i)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      const good = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
      const limited = await call(base, 'POST', '/v1/devices/enroll', { json: { code: good, name: 'Sảnh' } });
      expect(limited.status).toBe(429);
      expect(errorOf(limited)).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 600 });
      expect(limited.headers.get('retry-after')).toBe('600');
      clock.advance(600);
      expect((await call(base, 'POST', '/v1/devices/enroll', { json: { code: good, name: 'Sảnh' } })).status).toBe(200);
    } finally {
      await hub.close();
    }
  });

  it('limits all addresses together too', async () => {
    const { hub, base } = await fresh({ perAddress: { windowSeconds: 600, max: 1000 }, overall: { windowSeconds: 600, max: 8 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await guess(base, i)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await hub.close();
    }
  });

  it('limits by default, well before a guesser gets anywhere', async () => {
    const hub = await createHub({ database: ':memory:', devMode: false, clock: clock.now, ...quiet });
    try {
      const base = await hub.listen();
      let first429 = -1;
      for (let i = 0; i < 100 && first429 < 0; i += 1) if ((await guess(base, i)).status === 429) first429 = i;
      expect(first429).toBeGreaterThan(0);
      expect(first429).toBeLessThanOrEqual(defaultEnrollmentLimits.perAddress.max);
    } finally {
      await hub.close();
    }
  });
});

describe.each(backends)('hub sign-out on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let phones: string[];
  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, enrollmentLimits: roomy, ...quiet });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    phones = demo.residents.slice(0, 5).map((r) => r.phone);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  async function login(device: Device, phone: string): Promise<OtpVerifyResponse> {
    const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: device.header });
    expect(requested.status).toBe(200);
    const { requestId } = OtpRequestResponse.parse(requested.body);
    const outbox = DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(outbox, phone) }, headers: device.header });
    expect(verified.status).toBe(200);
    return OtpVerifyResponse.parse(verified.body);
  }

  it('revokes the session at the hub: its token gets 401 from then on, and another session is untouched', async () => {
    const session = await login(kiosk, phones[0]!);
    const other = await login(kiosk, phones[1]!);
    const headers = { ...kiosk.header, authorization: `Bearer ${session.token}` };
    const otherHeaders = { ...kiosk.header, authorization: `Bearer ${other.token}` };
    expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(200);

    const out = await call(base, 'POST', '/v1/auth/sign-out', { headers });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });
    const row = await db.selectFrom('resident_sessions').select('revoked_at').where('id', '=', session.sessionId).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();

    const after = await call(base, 'GET', '/v1/me/bills', { headers });
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('unauthorized');
    // Signing out twice is refused like any dead token, and never reopens it.
    expect((await call(base, 'POST', '/v1/auth/sign-out', { headers })).status).toBe(401);
    expect((await call(base, 'GET', '/v1/me/bills', { headers: otherHeaders })).status).toBe(200);
  });

  it('needs the session token and the device it was issued to', async () => {
    const session = await login(kiosk, phones[2]!);
    const elsewhere = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa B');
    expect((await call(base, 'POST', '/v1/auth/sign-out', { headers: kiosk.header })).status).toBe(401);
    expect((await call(base, 'POST', '/v1/auth/sign-out', { headers: { ...elsewhere.header, authorization: `Bearer ${session.token}` } })).status).toBe(401);
    expect((await call(base, 'GET', '/v1/me/bills', { headers: { ...kiosk.header, authorization: `Bearer ${session.token}` } })).status).toBe(200);
  });

  it('refuses every session of a revoked device', async () => {
    const doomed = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa C');
    const session = await login(doomed, phones[3]!);
    const headers = { ...doomed.header, authorization: `Bearer ${session.token}` };
    expect((await call(base, 'GET', '/v1/me/bills', { headers })).status).toBe(200);
    await db.updateTable('devices').set({ revoked_at: clock.now().toISOString() }).where('id', '=', doomed.id).execute();
    for (const [method, path] of [['GET', '/v1/me/bills'], ['POST', '/v1/auth/sign-out']] as const) {
      const reply = await call(base, method, path, { headers });
      expect(reply.status, path).toBe(401);
      expect(errorOf(reply).code).toBe('unauthorized');
    }
  });
});

describe.each(backends)('hub OTP limits across buildings on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, enrollmentLimits: roomy, ...quiet });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  it('a kiosk in another building cannot lock a resident out of sign-in at home', async () => {
    const at = clock.now().toISOString();
    await db.insertInto('buildings').values({ id: 'b-elsewhere', name: 'Tòa nhà Khác', address: 'Đà Nẵng', created_at: at, updated_at: at }).execute();
    const home = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    const foreign = await enroll(base, await hub.createEnrollmentCode({ buildingId: 'b-elsewhere', mode: 'kiosk' }), 'Sảnh khác');
    const phone = demo.residents[0]!.phone;
    const ask = (device: Device): Promise<Reply> => call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: device.header });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await ask(foreign)).status);
      clock.advance(60);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const outbox = async (): Promise<number> => DevSmsOutboxResponse.parse((await call(base, 'GET', '/v1/dev/sms-outbox')).body).messages.length;
    expect(await outbox()).toBe(0);
    const requested = await ask(home);
    expect(requested.status).toBe(200);
    await vi.waitFor(async () => expect(await outbox()).toBe(1));
  });
});
