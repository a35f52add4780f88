/**
 * The hub serves exactly its route table: every registered route is in the OpenAPI
 * document and vice versa, authentication follows each route's caller declaration, and
 * every answer carries a request id that also lands on the log lines of that request.
 */
import http from 'node:http';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEVICE_HEADER, defineRoutes, hubRoutes } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { createAuthenticate } from '../../../server/http/authenticate';
import { installHttpPlumbing } from '../../../server/http/plumbing';
import { registerRoutes, servedRoutes } from '../../../server/http/register-routes';
import type { RouteHandler, RouteHandlers } from '../../../server/http/register-routes';
import { currentRequestId, requestIdMixin } from '../../../server/http/request-context';
import { createHubLogger } from '../../../server/log';
import { sqliteBackend } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, T0 } from './helpers';
import type { Device } from './helpers';

type OpenApi = {
  paths: Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[]; parameters?: { name: string; in: string }[] }>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
};

/** Every method and path Fastify serves, from its own route tree (HEAD twins of GET routes left out). */
function registeredRoutes(hub: Hub): string[] {
  const routes: string[] = [];
  // A route under another (`/v1/policy` → `/versions`) is printed one level deeper with only
  // its own part, so each level's path is kept to prefix the next.
  const parents: string[] = [];
  for (const line of hub.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (\/\S*) \(([A-Z, ]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = `${parents[depth - 1] ?? ''}${match[2]!}`;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
  }
  return routes.sort();
}

function documentedRoutes(doc: OpenApi): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

type LogLine = { name: string; msg: string; reqId?: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('hub API from the route table', () => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let devHub: Hub;
  let prodHub: Hub;
  let devBase: string;
  let prodBase: string;
  let demo: DemoInfo;
  let kiosk: Device;
  // The hub's own pino logger, as main.ts wires it, writing JSON lines into memory.
  let logText = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => (logText += chunk.toString('utf8')));
  const logLines = (): LogLine[] =>
    logText
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as LogLine);
  const quiet = { print: (): void => {} };

  beforeAll(async () => {
    database = await sqliteBackend.create();
    const logger = createHubLogger({ devMode: true, level: 'debug', destination: logStream, mixin: requestIdMixin });
    devHub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger, terminal: quiet });
    prodHub = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: silentLogger, sms: { send: async () => {} } });
    demo = await devHub.seedDemo();
    devBase = await devHub.listen();
    prodBase = await prodHub.listen();
    kiosk = await enroll(devBase, await devHub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
  });

  afterAll(async () => {
    await devHub?.close();
    await prodHub?.close();
    await database?.drop();
  });

  it.each([
    ['dev mode', () => ({ hub: devHub, base: devBase, devOnly: true })],
    ['production mode', () => ({ hub: prodHub, base: prodBase, devOnly: false })],
  ])('in %s, registers exactly the routes its OpenAPI document lists, and those are the table', async (_, setup) => {
    const { hub, base, devOnly } = setup();
    const reply = await call(base, 'GET', '/v1/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.body as OpenApi;
    expect(registeredRoutes(hub)).toEqual(documentedRoutes(doc));

    const expected = Object.values(hubRoutes)
      .filter((r) => devOnly || !('devOnly' in r && r.devOnly))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(documentedRoutes(doc)).toEqual(expected);
    expect(documentedRoutes(doc).includes('GET /v1/dev/sms-outbox')).toBe(devOnly);
  });

  it('derives security from the caller declarations', async () => {
    const doc = (await call(devBase, 'GET', '/v1/openapi.json')).body as OpenApi;
    expect(doc.components.securitySchemes).toEqual({
      device: expect.objectContaining({ type: 'apiKey', in: 'header', name: DEVICE_HEADER }),
      resident: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      staff: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const op = (path: string, method = 'get'): OpenApi['paths'][string][string] | undefined => doc.paths[path]?.[method];
    expect(op('/v1/health')?.security).toBeUndefined();
    expect(op('/v1/devices/enroll', 'post')?.security).toBeUndefined();
    expect(op('/v1/auth/otp/request', 'post')?.security).toEqual([{ device: [] }]);
    expect(op('/v1/me/bills')?.security).toEqual([{ device: [], resident: [] }]);
    expect(op('/v1/me/bills')?.operationId).toBe('me.bills');
    expect(op('/v1/audit/verify')?.security).toEqual([{ device: [], staff: [] }]);
    expect(op('/v1/dev/sms-outbox')?.parameters).toEqual([expect.objectContaining({ name: 'to', in: 'query' })]);
    expect(Object.keys((op('/v1/auth/otp/verify', 'post') as unknown as { responses: Record<string, unknown> }).responses).sort()).toEqual(['200', '400', '401', '403']);
  });

  it('checks credentials on the HEAD twin of a GET route too', async () => {
    const res = await fetch(`${devBase}/v1/me/bills`, { method: 'HEAD' });
    expect(res.status).toBe(401);
    const withDevice = await fetch(`${devBase}/v1/me/bills`, { method: 'HEAD', headers: kiosk.header });
    expect(withDevice.status).toBe(401);
  });

  it('returns a request id on every answer: fresh, or the caller’s when well-formed', async () => {
    logText = '';
    const replies = [
      await call(devBase, 'GET', '/v1/health'),
      await call(devBase, 'GET', '/v1/nope'),
      await call(devBase, 'POST', '/v1/devices/enroll', { raw: '{"code": "ABC' }),
      await call(devBase, 'POST', '/v1/auth/otp/request', { json: { phone: '0901234567' } }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 404, 400, 401]);
    const ids = replies.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(ids.length);
    // The access log line of each answer carries the same id.
    await expect.poll(() => logLines().filter((l) => l.name === 'hub:http').length).toBe(ids.length);
    expect(logLines().filter((l) => l.name === 'hub:http').map((l) => l.reqId)).toEqual(ids);

    const given = await call(devBase, 'GET', '/v1/health', { headers: { 'x-request-id': 'lb-7f3a.2_x' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.2_x');
    for (const bad of ['a'.repeat(65), 'has space', 'semi;colon', '']) {
      const reply = await call(devBase, 'GET', '/v1/health', { headers: { 'x-request-id': bad } });
      expect(reply.headers.get('x-request-id')).toMatch(uuid);
    }
  });

  it('puts the request id on the log lines written while serving the request, and only on those', async () => {
    logText = '';
    const reply = await call(devBase, 'POST', '/v1/auth/otp/request', { json: { phone: demo.residents[0]!.phone }, headers: { ...kiosk.header, 'x-request-id': 'otp-req-1' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-request-id')).toBe('otp-req-1');
    // The SMS goes out after the response; give it a moment.
    await expect.poll(() => logLines().some((l) => l.name === 'hub:sms')).toBe(true);
    await expect.poll(() => logLines().some((l) => l.name === 'hub:http')).toBe(true);
    const during = logLines().filter((l) => l.name === 'hub:http' || l.name === 'hub:sms');
    expect(during.map((l) => [l.name, l.reqId])).toEqual(expect.arrayContaining([['hub:http', 'otp-req-1'], ['hub:sms', 'otp-req-1']]));
    expect(during.every((l) => l.reqId === 'otp-req-1')).toBe(true);

    // Outside a request there is no id to put on a line.
    logText = '';
    await devHub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    expect(logLines().length).toBeGreaterThan(0);
    expect(logLines().every((l) => l.reqId === undefined)).toBe(true);
    expect(currentRequestId()).toBeUndefined();
  });

  it('keeps the request id when the body arrives in pieces', async () => {
    logText = '';
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${devBase}/v1/auth/otp/request`, {
        method: 'POST',
        headers: { ...kiosk.header, 'content-type': 'application/json', 'x-request-id': 'slow-body-1' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"phone": ');
      setTimeout(() => req.end(`${JSON.stringify(demo.residents[1]!.phone)}}`), 50);
    });
    expect(status).toBe(200);
    await expect.poll(() => logLines().some((l) => l.name === 'hub:http')).toBe(true);
    expect(logLines().filter((l) => l.name === 'hub:http').map((l) => l.reqId)).toEqual(['slow-body-1']);
  });
});

describe('registerRoutes', () => {
  const ok = z.object({ ok: z.literal(true) });
  const yes = { ok: true } as const;
  const table = defineRoutes({
    'staff.report': { method: 'GET', path: '/v1/staff/report', caller: { kind: 'staff', roles: ['manager'] }, summary: 'x', response: ok, errors: [] },
    'public.echo': { method: 'POST', path: '/v1/echo', caller: { kind: 'public' }, summary: 'x', body: z.object({ n: z.number() }), response: ok, errors: [] },
    'dev.thing': { method: 'GET', path: '/v1/dev/thing', caller: { kind: 'public' }, summary: 'x', response: ok, errors: [], devOnly: true },
  });

  async function serve(devRoutes: boolean, rogue = false): Promise<{ base: string; close: () => Promise<void>; seen: unknown[] }> {
    const app = Fastify({ logger: false });
    installHttpPlumbing(app, silentLogger);
    const seen: unknown[] = [];
    registerRoutes(app, {
      routes: servedRoutes(table, { devRoutes }),
      handlers: {
        'staff.report': async () => yes,
        'public.echo': async (input, caller) => {
          seen.push({ input, caller });
          return yes;
        },
        'dev.thing': async () => yes,
      },
      authenticate: createAuthenticate({
        devices: {
          createEnrollmentCode: async () => 'unused',
          enroll: async () => Promise.reject(new Error('unused')),
          authenticate: async (header) => {
            if (header !== 'dev_1.secret') throw new KiotError('unauthorized', 'bad device');
            return { id: 'dev_1', buildingId: 'b1', mode: 'manager' };
          },
        },
        sessions: { start: async () => Promise.reject(new Error('unused')), authenticate: async () => Promise.reject(new Error('unused')), revoke: async () => Promise.reject(new Error('unused')) },
        staffAuth: {
          createAccount: async () => Promise.reject(new Error('unused')),
          signIn: async () => Promise.reject(new Error('unused')),
          verify: async () => Promise.reject(new Error('unused')),
          // This table's hub has no staff accounts: every staff token is refused.
          authenticate: async () => Promise.reject(new KiotError('unauthorized', 'Missing, expired or invalid staff session')),
          changePassword: async () => Promise.reject(new Error('unused')),
          unlock: async () => Promise.reject(new Error('unused')),
          signOut: async () => Promise.reject(new Error('unused')),
          me: async () => Promise.reject(new Error('unused')),
        },
      }),
    });
    if (rogue) app.get('/v1/rogue', async () => yes);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    return { base, close: () => app.close(), seen };
  }

  it('hands the handler the parsed body and the caller, answers 400 on a mismatch, and serves dev routes only when asked', async () => {
    const prod = await serve(false);
    const dev = await serve(true);
    try {
      expect((await call(prod.base, 'POST', '/v1/echo', { json: { n: 1, extra: true } })).status).toBe(200);
      expect(prod.seen).toEqual([{ input: { body: { n: 1 }, query: undefined }, caller: { kind: 'public' } }]);
      const bad = await call(prod.base, 'POST', '/v1/echo', { json: { n: 'one' } });
      expect(bad.status).toBe(400);
      expect(errorOf(bad).message).toMatch(/^Invalid request: n:/);
      // A good device credential without a staff token gets a 401.
      expect((await call(prod.base, 'GET', '/v1/staff/report')).status).toBe(401);
      const staff = await call(prod.base, 'GET', '/v1/staff/report', { headers: { [DEVICE_HEADER]: 'dev_1.secret' } });
      expect(staff.status).toBe(401);
      expect(errorOf(staff)).toEqual({ code: 'unauthorized', message: 'Missing, expired or invalid staff session' });
      expect((await call(prod.base, 'GET', '/v1/dev/thing')).status).toBe(404);
      expect((await call(dev.base, 'GET', '/v1/dev/thing')).status).toBe(200);
    } finally {
      await prod.close();
      await dev.close();
    }
  });

  it('does not compile a handler map that misses a route, or a handler that reads a caller its route does not have', () => {
    // @ts-expect-error 'public.echo' and 'dev.thing' have no handler.
    const partial: RouteHandlers<typeof table> = { 'staff.report': async () => yes };
    const wrongCaller: RouteHandler<(typeof table)['public.echo']> = async (_input, caller) => {
      // @ts-expect-error a public route's caller has no device.
      expect(caller.device).toBeUndefined();
      return yes;
    };
    expect(Object.keys(partial)).toEqual(['staff.report']);
    expect(wrongCaller).toBeTypeOf('function');
  });

  it('fails closed on a route registered around the table', async () => {
    const server = await serve(false, true);
    try {
      const reply = await call(server.base, 'GET', '/v1/rogue');
      expect(reply.status).toBe(500);
      expect(errorOf(reply).code).toBe('internal');
    } finally {
      await server.close();
    }
  });
});
