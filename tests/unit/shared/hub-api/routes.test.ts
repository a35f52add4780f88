import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoutes, fillPath, hubRoutes, routeErrors } from '../../../../shared/hub-api';
import type { RouteDef } from '../../../../shared/hub-api';

const ok = z.object({ ok: z.literal(true) });

describe('hub route table', () => {
  it('declares every route under /v1, once per method and path, with who may call it', () => {
    const ids = Object.values(hubRoutes).map((r) => `${r.method} ${r.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of Object.values(hubRoutes)) {
      // Path parameters are spelled `{name}`, as OpenAPI writes them.
      expect(route.path).toMatch(/^\/v1\/([a-z0-9._-]+|\{[a-zA-Z]+\})(\/([a-z0-9._-]+|\{[a-zA-Z]+\}))*$/);
      expect(['public', 'device', 'resident', 'staff']).toContain(route.caller.kind);
      expect(route.summary.length).toBeGreaterThan(0);
    }
  });

  it('keeps the dev outboxes and the dev job trigger dev-only and resident sign-in on kiosks only', () => {
    expect(Object.entries(hubRoutes).filter(([, r]) => 'devOnly' in r && r.devOnly).map(([k]) => k)).toEqual(['dev.smsOutbox', 'dev.mailOutbox', 'dev.runJobs']);
    expect(hubRoutes['auth.requestOtp'].caller).toEqual({ kind: 'device', modes: ['kiosk'] });
    expect(hubRoutes['auth.verifyOtp'].caller).toEqual({ kind: 'device', modes: ['kiosk'] });
    expect(hubRoutes['me.bills'].caller).toEqual({ kind: 'resident' });
  });

  it('documents the errors implied by the caller and the input schemas', () => {
    expect(routeErrors(hubRoutes.health)).toEqual(['hub_unavailable']);
    expect(routeErrors(hubRoutes['auth.requestOtp']).sort()).toEqual(['forbidden', 'invalid_input', 'rate_limited', 'unauthorized']);
    expect(routeErrors(hubRoutes['me.bills'])).toEqual(['unauthorized']);
  });

  it('does not compile a route that omits who may call it, and refuses one at run time', () => {
    const declare = (): unknown =>
      defineRoutes({
        // @ts-expect-error `caller` is required: every route says who may call it.
        nobody: { method: 'GET', path: '/v1/nobody', summary: 'x', response: ok, errors: [] },
      });
    expect(declare).toThrow(/nobody does not declare who may call it/);

    const staffWithoutRoles = (): unknown =>
      defineRoutes({
        // @ts-expect-error a staff route names the roles allowed to call it.
        staff: { method: 'GET', path: '/v1/staff', caller: { kind: 'staff' }, summary: 'x', response: ok, errors: [] },
      });
    expect(staffWithoutRoles).not.toThrow();

    // @ts-expect-error an unknown caller kind is not a declaration either.
    const unknownKind: RouteDef = { method: 'GET', path: '/v1/x', caller: { kind: 'anyone' }, summary: 'x', response: ok, errors: [] };
    expect(() => defineRoutes({ unknownKind })).toThrow(/does not declare who may call it/);
  });

  it('refuses path parameters that the params schema does not declare, and the other way round', () => {
    const params = z.object({ id: z.string() });
    expect(() => defineRoutes({ x: { method: 'GET', path: '/v1/x/{id}', caller: { kind: 'public' }, summary: 'x', response: ok, errors: [] } })).toThrow(/path parameters \{id\} and params \{\} differ/);
    expect(() => defineRoutes({ x: { method: 'GET', path: '/v1/x', caller: { kind: 'public' }, summary: 'x', params, response: ok, errors: [] } })).toThrow(/differ/);
    expect(() => defineRoutes({ x: { method: 'GET', path: '/v1/x/{key}', caller: { kind: 'public' }, summary: 'x', params, response: ok, errors: [] } })).toThrow(/differ/);
    expect(() => defineRoutes({ x: { method: 'GET', path: '/v1/x/{id}', caller: { kind: 'public' }, summary: 'x', params, response: ok, errors: [] } })).not.toThrow();
    // `/v1/x/{a}` and `/v1/x/{b}` are one route to the server.
    expect(() =>
      defineRoutes({
        a: { method: 'GET', path: '/v1/x/{id}', caller: { kind: 'public' }, summary: 'x', params, response: ok, errors: [] },
        b: { method: 'GET', path: '/v1/x/{key}', caller: { kind: 'public' }, summary: 'x', params: z.object({ key: z.string() }), response: ok, errors: [] },
      }),
    ).toThrow(/declared twice/);
  });

  it('fills path parameters one encoded segment each', () => {
    expect(fillPath('/v1/x/{id}/verify', { id: 'a/b c' })).toBe('/v1/x/a%2Fb%20c/verify');
    expect(() => fillPath('/v1/x/{id}', {})).toThrow(/No value for path parameter id/);
  });

  it('refuses a body on GET and two routes on one method and path', () => {
    expect(() => defineRoutes({ get: { method: 'GET', path: '/v1/x', caller: { kind: 'public' }, summary: 'x', body: ok, response: ok, errors: [] } })).toThrow(/GET takes no body/);
    const route = { method: 'POST', path: '/v1/x', caller: { kind: 'public' }, summary: 'x', response: ok, errors: [] } as const;
    expect(() => defineRoutes({ a: route, b: route })).toThrow(/declared twice/);
  });
});
