import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevMailOutboxResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createDevMailAdapter, createHub } from '../../../server/app';
import type { DevMailAdapter, Hub } from '../../../server/app';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, errorOf, T0 } from './helpers';

describe.each(backends)('dev mail outbox on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let mail: DevMailAdapter;

  beforeAll(async () => {
    database = await backend.create();
    mail = createDevMailAdapter({ clock: clock.now });
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, mail });
    base = await hub.listen();
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('lists what the hub mailed, newest last, and filters by address whatever its case', async () => {
    await mail.send({ to: 'lan.nguyen@example.vn', subject: 'Mã xác nhận', text: 'Mã của bạn là 123456 — Nguyễn Thị Lan' });
    await mail.send({ to: 'binh@example.vn', subject: 'Biên nhận', text: 'Đã rút lại đồng ý' });
    await mail.send({ to: 'lan.nguyen@example.vn', subject: 'Mã xác nhận', text: 'Mã của bạn là 654321' });

    const all = DevMailOutboxResponse.parse((await call(base, 'GET', '/v1/dev/mail-outbox')).body).messages;
    expect(all.map((m) => m.to)).toEqual(['lan.nguyen@example.vn', 'binh@example.vn', 'lan.nguyen@example.vn']);
    expect(all[0]).toEqual({ to: 'lan.nguyen@example.vn', subject: 'Mã xác nhận', text: 'Mã của bạn là 123456 — Nguyễn Thị Lan', sentAt: T0.toISOString() });

    const reply = await call(base, 'GET', `/v1/dev/mail-outbox?to=${encodeURIComponent('Lan.Nguyen@Example.VN')}`);
    expect(reply.status).toBe(200);
    const mine = DevMailOutboxResponse.parse(reply.body).messages;
    expect(mine.map((m) => m.text)).toEqual(['Mã của bạn là 123456 — Nguyễn Thị Lan', 'Mã của bạn là 654321']);
  });

  it('has no mail outbox, not even in the OpenAPI document, outside dev mode', async () => {
    const prod = await createHub({ database: database.url, devMode: false, clock: clock.now, logger: silentLogger, sms: { send: async () => {} } });
    try {
      const prodBase = await prod.listen();
      const reply = await call(prodBase, 'GET', '/v1/dev/mail-outbox');
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('not_found');
      const doc = (await call(prodBase, 'GET', '/v1/openapi.json')).body as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).not.toContain('/v1/dev/mail-outbox');
    } finally {
      await prod.close();
    }
  });

  it('answers not_found in dev mode when a real mail adapter was given: there is nothing to read', async () => {
    const dev = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, mail: { send: async () => {} } });
    try {
      const devBase = await dev.listen();
      const reply = await call(devBase, 'GET', '/v1/dev/mail-outbox');
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('not_found');
    } finally {
      await dev.close();
    }
  });
});
