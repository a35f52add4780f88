/**
 * What an outside review of the hub found (issue 10, "Fix what the review found"), each
 * guarded here against the real hub over loopback HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { Hub } from '../../../server/app';
import { call, createTestClock, T0 } from './helpers';

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
