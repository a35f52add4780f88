/**
 * Every route of the hub's route table, fed malformed input by fast-check: wrong and
 * missing credentials, bodies of every JSON shape, bytes that are not JSON, odd query strings
 * and path parameters. Whatever arrives, the hub answers with a typed 4xx (or a 2xx where the
 * input happens to be acceptable), never a 5xx, and keeps serving. Routes added later are
 * fuzzed without a line here: the list comes from the table itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app';
import type { DemoInfo, Hub } from '../../server/app';
import { DEVICE_HEADER, ErrorBody, hubRoutes, OtpRequestResponse, OtpVerifyResponse } from '../../shared/hub-api';
import type { HubRouteKey } from '../../shared/hub-api';
import { silentLogger } from '../../shared/logger';
import { call, enroll } from '../integration/hub/helpers';
import type { Reply } from '../integration/hub/helpers';
import { latestCode } from '../fixtures/dev-sms';

/** Per route and kind of attack; small enough that the whole file stays well under a minute. */
const RUNS = 25;
const roomy = { perAddress: { windowSeconds: 60, max: 100_000 }, overall: { windowSeconds: 60, max: 100_000 } };

/** Header values fetch can send: printable ASCII, which is what a hostile client controls anyway. */
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 120 });
const anyJson = fc.jsonValue({ maxDepth: 4 });
const notJson = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'));
const queryParams = fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 }), { maxKeys: 4 });
const pathSegment = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('..', '%', '0', 'null', 'a'.repeat(300)));

/** `/v1/x/:id/y` or `/v1/x/{id}/y`, with every parameter replaced. */
function fillPath(template: string, segment: string): string {
  return template.replace(/:[A-Za-z]+|\{[A-Za-z]+\}/g, encodeURIComponent(segment));
}

function withQuery(pathname: string, params: Record<string, string>): string {
  const search = new URLSearchParams(params).toString();
  return search === '' ? pathname : `${pathname}?${search}`;
}

function expectTyped(reply: Reply, what: string): void {
  expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBeLessThan(500);
  if (reply.status >= 400) {
    const parsed = ErrorBody.safeParse(reply.body);
    expect(parsed.success, `${what}: an error body with a known code, got ${JSON.stringify(reply.body)}`).toBe(true);
  }
}

describe('hub routes under malformed input', () => {
  let dir: string;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let kioskHeader: Record<string, string>;
  let residentHeaders: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiot-fuzz-'));
    hub = await createHub({
      database: path.join(dir, 'hub.sqlite'),
      devMode: true,
      logger: silentLogger,
      terminal: { print: () => {} },
      enrollmentLimits: roomy,
    });
    demo = await hub.seedDemo();
    base = await hub.listen();
    const kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    kioskHeader = kiosk.header;
    const phone = demo.residents[0]!.phone;
    const requested = OtpRequestResponse.parse((await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kioskHeader })).body);
    const verified = await call(base, 'POST', '/v1/auth/otp/verify', {
      json: { requestId: requested.requestId, code: await latestCode(base, phone) },
      headers: kioskHeader,
    });
    const session = OtpVerifyResponse.parse(verified.body);
    residentHeaders = { ...kioskHeader, authorization: `Bearer ${session.token}` };
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Signing out would end the session the other routes are fuzzed with; it goes last.
  const keys = (Object.keys(hubRoutes) as HubRouteKey[]).sort((a, b) => Number(a === 'auth.signOut') - Number(b === 'auth.signOut'));

  for (const key of keys) {
    const route = hubRoutes[key];
    const hasBody = (route.method as string) !== 'GET' && (route.method as string) !== 'DELETE';

    it(`${key}: forged or missing credentials and any input get a typed answer`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.option(headerValue), fc.option(headerValue), pathSegment, queryParams, fc.oneof(anyJson.map((j) => ({ json: j })), notJson.map((raw) => ({ raw }))), async (device, bearer, segment, query, body) => {
          const headers: Record<string, string> = {};
          if (device !== null) headers[DEVICE_HEADER] = device;
          if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
          const reply = await call(base, route.method as 'GET' | 'POST', withQuery(fillPath(route.path, segment), query), { headers, ...(hasBody ? body : {}) });
          expectTyped(reply, key);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${key}: the right credentials with malformed input get a typed answer`, async () => {
      const headers = route.caller.kind === 'resident' || route.caller.kind === 'staff' ? residentHeaders : route.caller.kind === 'device' ? kioskHeader : {};
      await fc.assert(
        fc.asyncProperty(pathSegment, queryParams, fc.oneof(anyJson.map((j) => ({ json: j })), notJson.map((raw) => ({ raw }))), async (segment, query, body) => {
          const reply = await call(base, route.method as 'GET' | 'POST', withQuery(fillPath(route.path, segment), query), { headers, ...(hasBody ? body : {}) });
          expectTyped(reply, key);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('sync.push: well-formed envelopes around payloads of any shape are answered one result each, never a 5xx', async () => {
    const operation = fc.record({
      id: fc.uuid({ version: 7 }),
      kind: fc.oneof(fc.constantFrom('consent.set', 'correction.request'), fc.string({ maxLength: 40 })),
      payload: anyJson,
      createdAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      sessionId: fc.constant(null),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 5 }), async (operations) => {
        const reply = await call(base, 'POST', hubRoutes['sync.push'].path, { json: { operations }, headers: kioskHeader });
        expectTyped(reply, 'sync.push');
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('still serves a signed-in resident afterwards', async () => {
    // The session may have been signed out by the last route's fuzzing; a fresh health check and a bills call with a device tell the rest.
    expect((await call(base, 'GET', '/v1/health')).status).toBe(200);
  });
});
