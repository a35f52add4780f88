/**
 * A kiosk revoked in the console, end to end in one process: the real kiosk core enrolled with
 * a code, the real hub over loopback HTTP, an administrator revoking it through the staff
 * route. The kiosk's next request to the hub is refused, and the core turns that into the
 * revoked state (an `app:deviceRevoked` event once, and `app:info` saying so) that the
 * renderer shows IT. A refused resident token is not mistaken for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/create-core';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import { FleetResponse } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { createFakeClock } from '../../fixtures/fake-clock';
import { signInStaff } from '../../fixtures/staff-session';
import type { StaffSession } from '../../fixtures/staff-session';
import { sqliteBackend } from './backends';
import type { TestDatabase } from './backends';
import { call } from './helpers';

describe('a kiosk revoked in the console', () => {
  let database: TestDatabase;
  let dataDir: string;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let admin: StaffSession;
  let core: AppCore;
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    database = await sqliteBackend.create();
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-revoked-'));
    hub = await createHub({ database: database.url, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    base = await hub.listen();
    admin = await signInStaff(hub, base, { buildingId: demo.buildingId, role: 'admin' });
    const code = await call(base, 'POST', '/v1/devices/codes', { headers: admin.headers, json: { mode: 'kiosk' } });
    core = await createAppCore({
      config: {
        dataDir,
        keystore: 'dev-file',
        hubUrl: base,
        enrollCode: (code.body as { code: string }).code,
        deviceName: 'Sảnh tòa E',
        idleSeconds: 60,
        countdownSeconds: 15,
        sessionMaxSeconds: 600,
        sqliteNativeBinding: null,
      },
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.1.0-test',
      clock: createFakeClock(Date.now()),
      logger: silentLogger,
      // Driven by hand: each pull below is one request the test can point at.
      sync: false,
    });
    core.onEvent((event, payload) => events.push({ event, payload }));
  });

  afterAll(async () => {
    await core?.close();
    await hub?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves until revoked; then the next request is refused and the core shows the revoked state once', async () => {
    await core.sync.pull();
    expect(events.filter((e) => e.event === 'app:deviceRevoked')).toEqual([]);
    // A resident token the hub refuses is not the device being refused.
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(events.filter((e) => e.event === 'app:deviceRevoked')).toEqual([]);
    expect(await core.dispatch('app:info', {})).toMatchObject({ ok: true, value: { mode: 'kiosk' } });

    const fleet = FleetResponse.parse((await call(base, 'GET', '/v1/devices', { headers: admin.headers })).body);
    const kiosk = fleet.devices.find((d) => d.name === 'Sảnh tòa E')!;
    const revoked = await call(base, 'POST', `/v1/devices/${kiosk.id}/revoke`, { headers: admin.headers, json: { reason: 'Màn hình bị tháo khỏi sảnh' } });
    expect(revoked.status).toBe(200);

    await core.sync.pull().catch(() => undefined);
    await core.sync.pull().catch(() => undefined);
    const announced = events.filter((e) => e.event === 'app:deviceRevoked');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.payload).toEqual({ at: expect.stringMatching(/Z$/) });
    expect(await core.dispatch('app:info', {})).toMatchObject({ ok: true, value: { deviceRevoked: true } });
  });
});
