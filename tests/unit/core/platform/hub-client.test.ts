import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubClient, hubPaths } from '../../../../electron/core/platform/hub-client';
import type { DeviceCredential, HubClient } from '../../../../electron/core/platform/hub-client';
import { KiotError } from '../../../../shared/result';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Reply = { status: number; body: string; headers?: Record<string, string> } | 'hang';

const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({ status, body: JSON.stringify(value), ...(headers ? { headers } : {}) });

const credential: DeviceCredential = { deviceId: 'dev_1', deviceSecret: 'S'.repeat(43) };
const resident = { id: 'r1', fullName: 'Nguyễn Văn An', unitLabel: 'A-1203', buildingName: 'Tòa A' };

describe('createHubClient', () => {
  let server: http.Server;
  let baseUrl: string;
  let reply: Reply;
  let seen: Seen[];
  const hanging = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (reply === 'hang') {
          hanging.add(res);
          return;
        }
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen = [];
    reply = json(200, {});
  });

  const client = (overrides: { credential?: DeviceCredential | null; timeoutMs?: number; baseUrl?: string } = {}): HubClient =>
    createHubClient({
      baseUrl: overrides.baseUrl ?? baseUrl,
      fetch,
      timeoutMs: overrides.timeoutMs ?? 2000,
      getDeviceCredential: () => (overrides.credential === undefined ? credential : overrides.credential),
    });

  const rejection = async (p: Promise<unknown>): Promise<KiotError> => {
    try {
      await p;
    } catch (err) {
      expect(err).toBeInstanceOf(KiotError);
      return err as KiotError;
    }
    throw new Error('expected a rejection');
  };

  it('enrolls without a device header and validates the answer', async () => {
    const enrolled = { deviceId: 'dev_1', deviceSecret: 'S'.repeat(43), buildingId: 'b1', buildingName: 'Tòa A', mode: 'kiosk' };
    reply = json(201, enrolled);
    await expect(client({ credential: null }).enroll({ code: 'ABCDEF12', name: 'Lobby' })).resolves.toEqual(enrolled);
    expect(seen[0]).toMatchObject({ method: 'POST', url: hubPaths.enroll, body: JSON.stringify({ code: 'ABCDEF12', name: 'Lobby' }) });
    expect(seen[0]?.headers['x-kiot-device']).toBeUndefined();
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends the device credential, and the resident token as a bearer token', async () => {
    reply = json(200, { requestId: 'req_1', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 });
    await client().requestOtp({ phone: '+84912345678' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: hubPaths.requestOtp });
    expect(seen[0]?.headers['x-kiot-device']).toBe(`dev_1.${'S'.repeat(43)}`);
    expect(seen[0]?.headers.authorization).toBeUndefined();

    reply = json(200, { token: 'T'.repeat(40), expiresAt: '2026-11-25T03:15:00.000Z', resident, unitId: 'u1', sessionId: 's1' });
    await expect(client().verifyOtp({ requestId: 'req_1', code: '123456' })).resolves.toMatchObject({ resident });

    reply = json(200, { bills: [] });
    await expect(client().listBills('T'.repeat(40))).resolves.toEqual({ bills: [] });
    expect(seen[2]).toMatchObject({ method: 'GET', url: hubPaths.bills, body: '' });
    expect(seen[2]?.headers.authorization).toBe(`Bearer ${'T'.repeat(40)}`);
    expect(seen[2]?.headers['x-kiot-device']).toBe(`dev_1.${'S'.repeat(43)}`);
  });

  it('calls any route of the table by key: method, path, query and credentials from the table', async () => {
    reply = json(200, { ok: true, version: '1.2.3' });
    await expect(client({ credential: null }).call('health', {})).resolves.toEqual({ ok: true, version: '1.2.3' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/health', body: '' });
    expect(seen[0]?.headers['x-kiot-device']).toBeUndefined();
    expect(seen[0]?.headers['content-type']).toBeUndefined();

    reply = json(200, { messages: [] });
    await client().call('dev.smsOutbox', { query: { to: '+84901234567' } });
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/v1/dev/sms-outbox?to=%2B84901234567' });
    await client().call('dev.smsOutbox', { query: {} });
    expect(seen[2]?.url).toBe('/v1/dev/sms-outbox');

    reply = json(200, { bills: [] });
    await client().call('me.bills', { token: 'T'.repeat(40) });
    expect(seen[3]?.headers.authorization).toBe(`Bearer ${'T'.repeat(40)}`);
    expect(seen[3]?.headers['x-kiot-device']).toBe(`dev_1.${'S'.repeat(43)}`);

    const typeChecks = (c: HubClient): unknown[] => [
      // @ts-expect-error a resident route needs the resident's token.
      c.call('me.bills', {}),
      // @ts-expect-error the body must match the route's request schema.
      c.call('auth.requestOtp', { body: { phone: 912345678 } }),
      // @ts-expect-error a route without a body takes none.
      c.call('health', { body: {} }),
    ];
    expect(typeChecks).toBeTypeOf('function');
  });

  it("reports a refused device on a device route's 401, but not on a staff password refused at sign-in", async () => {
    let refused = 0;
    const watching = createHubClient({ baseUrl, fetch, timeoutMs: 2000, getDeviceCredential: () => credential, onDeviceRefused: () => (refused += 1) });
    reply = json(401, { error: { code: 'unauthorized', message: 'Wrong username or password' } });
    await expect(watching.call('staffAuth.signIn', { body: { username: 'lan.nguyen', password: 'sai-mat-khau-roi' } })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(refused).toBe(0);
    reply = json(401, { error: { code: 'unauthorized', message: 'Missing or invalid x-kiot-device credential' } });
    await expect(watching.call('sync.pull', { query: { limit: 10 } })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(refused).toBe(1);
  });

  it('refuses device calls before enrollment without calling the hub', async () => {
    const err = await rejection(client({ credential: null }).requestOtp({ phone: '+84912345678' }));
    expect(err.code).toBe('unauthorized');
    expect(seen).toEqual([]);
  });

  it('passes the hub error code through, with attemptsLeft', async () => {
    reply = json(401, { error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 3 } });
    const err = await rejection(client().verifyOtp({ requestId: 'req_1', code: '000000' }));
    expect(err.toAppError()).toEqual({ code: 'wrong_code', message: 'Wrong code', attemptsLeft: 3 });
  });

  it('passes rate limits through with retryAfterSeconds, from the body or the Retry-After header', async () => {
    reply = json(429, { error: { code: 'rate_limited', message: 'Slow down', retryAfterSeconds: 42 } });
    expect((await rejection(client().requestOtp({ phone: '+84912345678' }))).retryAfterSeconds).toBe(42);
    reply = json(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'retry-after': '17' });
    expect((await rejection(client().requestOtp({ phone: '+84912345678' }))).retryAfterSeconds).toBe(17);
    reply = { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'retry-after': '9' } };
    expect((await rejection(client().requestOtp({ phone: '+84912345678' }))).toAppError()).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 9 });
  });

  it.each([
    [400, 'invalid_input'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'wrong_state'],
  ])('maps a bare HTTP %i to %s', async (status, code) => {
    reply = { status, body: '<html>nope</html>', headers: { 'content-type': 'text/html' } };
    expect((await rejection(client().listBills('T'.repeat(40)))).code).toBe(code);
  });

  it.each([
    ['a 500 with an error body', json(500, { error: { code: 'internal', message: 'db down' } })],
    ['a 502 from a proxy', { status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/plain' } }],
    ['a 503', json(503, { error: { code: 'hub_unavailable', message: 'maintenance' } })],
    ['a 200 that is not JSON', { status: 200, body: '<html>captive portal</html>', headers: { 'content-type': 'text/html' } }],
    ['a 200 outside the schema', json(200, { bills: [{ id: 'b1' }] })],
  ] as [string, Reply][])('turns %s into hub_unavailable', async (_, r) => {
    reply = r;
    expect((await rejection(client().listBills('T'.repeat(40)))).code).toBe('hub_unavailable');
  });

  it('turns a timeout into hub_unavailable', async () => {
    reply = 'hang';
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 150 }).requestOtp({ phone: '+84912345678' }));
    expect(err.code).toBe('hub_unavailable');
    expect(err.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives a long poll the hub's wait on top of its own timeout, and still gives up after both", async () => {
    reply = 'hang';
    const err = await rejection(client({ timeoutMs: 150 }).call('me.payment', { token: 'T'.repeat(40), params: { id: 'pi_1' }, query: { waitMs: 200, seen: 'open' } }));
    expect(err.code).toBe('hub_unavailable');
    // Not cut off at 150 ms while the hub is still allowed to be waiting for the bank.
    expect(err.message).toContain('350 ms');
    expect(seen.at(-1)?.url).toBe('/v1/me/payments/pi_1?waitMs=200&seen=open');
  });

  it('turns an unreachable hub (closed port) into hub_unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await rejection(client({ baseUrl: `http://127.0.0.1:${port}` }).requestOtp({ phone: '+84912345678' }));
    expect(err.toAppError()).toEqual({ code: 'hub_unavailable', message: expect.stringContaining('network error') });
  });
});
