/**
 * The dev SMS outbox is a dev-mode route, whatever SMS adapter the hub was given: a hub with
 * dev mode off that was handed the dev adapter (a misconfiguration, a test harness reused)
 * must still not serve the codes it texted. Issue 12's review found that gating the outbox on
 * the adapter's type instead of on dev mode left every test green.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger';
import { createDevSmsAdapter, createHub } from '../../../server/app';
import type { DevSmsAdapter, Hub } from '../../../server/app';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, errorOf, T0 } from './helpers';

describe.each(backends)('dev SMS outbox outside dev mode on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let sms: DevSmsAdapter;

  beforeAll(async () => {
    database = await backend.create();
    sms = createDevSmsAdapter({ clock: clock.now });
    hub = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: silentLogger, sms });
    base = await hub.listen();
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('is not served, nor listed in the OpenAPI document, even when the dev SMS adapter was given', async () => {
    await sms.send('+84912345678', 'Mã đăng nhập Kiot: 123456');
    const reply = await call(base, 'GET', '/v1/dev/sms-outbox');
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe('not_found');
    expect(JSON.stringify(reply.body)).not.toContain('123456');
    const doc = (await call(base, 'GET', '/v1/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/v1/dev/'))).toEqual([]);
  });
});
