import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfig, KioskCore } from '../../../electron/core/api';
import { createFakeClock } from '../../fixtures/fake-clock';
import type { FakeClock } from '../../fixtures/fake-clock';
import { EnrollmentError, createKioskCore } from '../../../electron/core/create-core';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import type { KioskDatabase } from '../../../electron/core/db/open';
import { peekKioskDatabase } from '../../fixtures/kiosk-db';
import { getDeviceIdentity } from '../../../electron/core/db/device-identity';
import { countSessionEntries, getSessionEntry, putSessionEntry } from '../../../electron/core/db/session-cache';
import { hubPaths } from '../../../electron/core/platform/hub-client';
import type { SessionView } from '../../../shared/contract';
import type { Bill } from '../../../shared/domain';

const resident = { id: 'res_1', fullName: 'Nguyễn Văn An', unitLabel: 'A-1203', buildingName: 'Tòa Sen' };
const bills: Bill[] = [
  {
    id: 'bill_1',
    unitLabel: 'A-1203',
    service: 'electricity',
    month: '2026-10',
    amountVnd: 845_000,
    dueDate: '2026-11-15',
    status: 'unpaid',
    paidAt: null,
    consumption: { unit: 'kWh', previousReading: 1000, currentReading: 1250, quantity: 250 },
  },
  {
    id: 'bill_2',
    unitLabel: 'A-1203',
    service: 'management',
    month: '2026-10',
    amountVnd: 700_000,
    dueDate: '2026-11-15',
    status: 'paid',
    paidAt: '2026-11-02T03:00:00.000Z',
    consumption: null,
  },
];

type Call = { method: string; path: string; headers: Headers; body: unknown };
type Route = (call: Call) => Response | Promise<Response>;

const jsonResponse = (status: number, value: unknown): Response =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

/** An in-memory stand-in for the hub, answering at the routes the hub client calls. */
type FakeHub = { fetch: typeof fetch; calls: Call[]; routes: Map<string, Route>; down: boolean };

function fakeHub(): FakeHub {
  const hub: FakeHub = {
    calls: [] as Call[],
    down: false,
    routes: new Map<string, Route>([
      [
        `POST ${hubPaths.enroll}`,
        () => jsonResponse(200, { deviceId: 'dev_1', deviceSecret: 'S'.repeat(43), buildingId: 'bld_1', buildingName: 'Tòa Sen', mode: 'kiosk' }),
      ],
      [`POST ${hubPaths.requestOtp}`, () => jsonResponse(200, { requestId: 'req_1', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 })],
      [
        `POST ${hubPaths.verifyOtp}`,
        (call) =>
          (call.body as { code: string }).code === '123456'
            ? jsonResponse(200, { token: 'T'.repeat(43), expiresAt: '2026-11-25T03:15:00.000Z', resident })
            : jsonResponse(401, { error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 4 } }),
      ],
      [`GET ${hubPaths.bills}`, () => jsonResponse(200, { bills })],
    ]),
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      if (hub.down) throw new TypeError('fetch failed');
      const url = new URL(String(input));
      const call: Call = {
        method: init?.method ?? 'GET',
        path: url.pathname,
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      hub.calls.push(call);
      const route: Route | undefined = hub.routes.get(`${call.method} ${call.path}`);
      return route ? route(call) : jsonResponse(404, { error: { code: 'not_found', message: 'no route' } });
    }) as typeof fetch,
  };
  return hub;
}

describe('createKioskCore', () => {
  let dataDir: string;
  let clock: FakeClock;
  let hub: FakeHub;
  let config: KioskConfig;
  const cores: KioskCore[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-core-'));
    clock = createFakeClock(Date.UTC(2026, 10, 25, 3, 0, 0));
    hub = fakeHub();
    config = {
      dataDir,
      keystore: 'dev-file',
      hubUrl: 'http://hub.test',
      enrollCode: 'ENROLL-CODE-1',
      deviceName: 'Sảnh A',
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      sqliteNativeBinding: null,
    };
  });

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (overrides: Partial<KioskConfig> = {}): Promise<KioskCore> => {
    const core = await createKioskCore({
      config: { ...config, ...overrides },
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '1.2.3',
      fetch: hub.fetch,
      clock,
    });
    cores.push(core);
    return core;
  };

  const peek = <T>(fn: (db: KioskDatabase) => T): Promise<T> => peekKioskDatabase(dataDir, fn);

  const signIn = async (core: KioskCore): Promise<void> => {
    expect((await core.dispatch('session:start', {})).ok).toBe(true);
    expect(await core.dispatch('auth:requestOtp', { phone: '0912 345 678' })).toMatchObject({ ok: true });
    expect(await core.dispatch('auth:verifyOtp', { code: '123456' })).toMatchObject({ ok: true });
  };

  it('enrolls on first start with the code and the device name, then reuses the identity', async () => {
    const core = await start();
    expect(core.mode).toBe('kiosk');
    expect(hub.calls).toEqual([expect.objectContaining({ method: 'POST', path: hubPaths.enroll, body: { code: 'ENROLL-CODE-1', name: 'Sảnh A' } })]);
    expect(await peek((db) => getDeviceIdentity(db))).toMatchObject({
      deviceId: 'dev_1',
      buildingName: 'Tòa Sen',
      mode: 'kiosk',
      keystoreBackend: 'dev-file',
      enrolledAt: '2026-11-25T03:00:00.000Z',
    });
    await core.close();
    await start({ enrollCode: null });
    expect(hub.calls).toHaveLength(1);
  });

  it('refuses to start unenrolled without a code, telling IT what to do', async () => {
    const err = await start({ enrollCode: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrollmentError);
    expect(err).toMatchObject({ code: 'no_code', message: expect.stringContaining('KIOT_ENROLL_CODE') });
    expect((err as Error).message).toContain('manager console');
  });

  it('reports a refused code and an unreachable hub at enrollment distinctly', async () => {
    hub.routes.set(`POST ${hubPaths.enroll}`, () => jsonResponse(404, { error: { code: 'not_found', message: 'Unknown code' } }));
    await expect(start()).rejects.toMatchObject({ name: 'EnrollmentError', code: 'rejected' });
    hub.down = true;
    await expect(start()).rejects.toMatchObject({ name: 'EnrollmentError', code: 'hub_unavailable' });
  });

  it('answers app:info', async () => {
    const core = await start();
    await expect(core.dispatch('app:info', {})).resolves.toEqual({
      ok: true,
      value: { mode: 'kiosk', version: '1.2.3', buildingName: 'Tòa Sen', defaultLocale: 'vi', idleSeconds: 60, countdownSeconds: 15 },
    });
  });

  it('has a handler for every channel', async () => {
    const core = await start();
    const { channelNames } = await import('../../../shared/channels');
    for (const channel of channelNames) expect(typeof core.handlers[channel]).toBe('function');
  });

  it('signs a resident in, lists and gets bills, caching them for the session only', async () => {
    const core = await start();
    const views: SessionView[] = [];
    core.onEvent((event, payload) => {
      if (event === 'session:changed') views.push(payload);
    });

    await expect(core.dispatch('session:start', {})).resolves.toMatchObject({ ok: true, value: { state: 'phone' } });
    await expect(core.dispatch('auth:requestOtp', { phone: '0912 345 678' })).resolves.toEqual({
      ok: true,
      value: { maskedPhone: '+84 *** *** 678', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 },
    });
    const otpCall = hub.calls.at(-1);
    expect(otpCall?.body).toEqual({ phone: '+84912345678' });
    expect(otpCall?.headers.get('x-kiot-device')).toBe(`dev_1.${'S'.repeat(43)}`);

    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toEqual({ ok: true, value: { resident } });
    expect(hub.calls.at(-1)?.body).toEqual({ requestId: 'req_1', code: '123456' });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'signedIn', resident } });
    expect(await peek((db) => getSessionEntry(db, 'resident'))).toEqual(resident);

    await expect(core.dispatch('bills:list', {})).resolves.toEqual({ ok: true, value: { bills } });
    expect(hub.calls.at(-1)?.headers.get('authorization')).toBe(`Bearer ${'T'.repeat(43)}`);
    expect(await peek((db) => getSessionEntry(db, 'bills'))).toEqual(bills);

    const before = hub.calls.length;
    await expect(core.dispatch('bills:get', { billId: 'bill_2' })).resolves.toEqual({ ok: true, value: { bill: bills[1] } });
    expect(hub.calls.length).toBe(before);
    await expect(core.dispatch('bills:get', { billId: 'nope' })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(views.map((v) => v.state)).toEqual(['phone', 'code', 'signedIn']);
    // The token and the OTP request id stay in main.
    expect(JSON.stringify(views)).not.toContain('TTTT');
    expect(JSON.stringify(views)).not.toContain('req_1');
  });

  it('bills:get goes to the hub when nothing is cached yet', async () => {
    const core = await start();
    await signIn(core);
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toEqual({ ok: true, value: { bill: bills[0] } });
    expect(hub.calls.at(-1)?.path).toBe(hubPaths.bills);
  });

  it('session:end locks, wipes the cache and records signOut', async () => {
    const core = await start();
    await signIn(core);
    await core.dispatch('bills:list', {});
    expect(await peek(countSessionEntries)).toBe(2);
    const ended = await core.dispatch('session:end', {});
    expect(ended).toMatchObject({ ok: true, value: { state: 'attract', resident: null, lastLock: { reason: 'signOut' } } });
    expect(await peek(countSessionEntries)).toBe(0);
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('core.lock (suspend) and the idle timer both wipe', async () => {
    const core = await start();
    await signIn(core);
    await core.lock('suspend');
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', lastLock: { reason: 'suspend' } } });
    expect(await peek(countSessionEntries)).toBe(0);

    await signIn(core);
    clock.advance(75_000);
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', lastLock: { reason: 'idle' } } });
    expect(await peek(countSessionEntries)).toBe(0);
  });

  it('wipes a session cache left behind by a crash when it starts', async () => {
    const core = await start();
    await signIn(core);
    await core.dispatch('bills:list', {});
    // Simulate a crash: the process dies without locking. Write directly, then restart.
    await peek((db) => putSessionEntry(db, 'resident', resident, '2026-11-25T03:00:00.000Z'));
    await core.close();
    expect(await peek(countSessionEntries)).toBeGreaterThan(0);
    await start();
    expect(await peek(countSessionEntries)).toBe(0);
  });

  it('refuses channels called in the wrong state', async () => {
    const core = await start();
    await expect(core.dispatch('auth:requestOtp', { phone: '0912345678' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await signIn(core).catch(() => undefined);
    await expect(core.dispatch('session:start', {})).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    expect(hub.calls.filter((c) => c.path !== hubPaths.enroll && c.path !== hubPaths.requestOtp && c.path !== hubPaths.verifyOtp)).toEqual([]);
  });

  it('rejects a phone number that is not Vietnamese without calling the hub', async () => {
    const core = await start();
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:requestOtp', { phone: '12345' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(hub.calls).toHaveLength(1);
  });

  it('passes a wrong code through with attemptsLeft and stays on the code screen', async () => {
    const core = await start();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: '0912345678' });
    await expect(core.dispatch('auth:verifyOtp', { code: '000000' })).resolves.toEqual({
      ok: false,
      error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 4 },
    });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'code', maskedPhone: '+84 *** *** 678' } });
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: true });
  });

  it('hub unreachable: hub_unavailable, state unchanged, cache untouched', async () => {
    const core = await start();
    await signIn(core);
    await core.dispatch('bills:list', {});
    hub.down = true;
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'signedIn', resident } });
    expect(await peek((db) => getSessionEntry(db, 'bills'))).toEqual(bills);
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toMatchObject({ ok: true });

    await core.dispatch('session:end', {});
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:requestOtp', { phone: '0912345678' })).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'phone' } });
  });

  it('a hub answer that arrives after the session ended does not sign anyone in', async () => {
    const core = await start();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: '0912345678' });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    hub.routes.set(`POST ${hubPaths.verifyOtp}`, async () => {
      await gate;
      return jsonResponse(200, { token: 'T'.repeat(43), expiresAt: '2026-11-25T03:15:00.000Z', resident });
    });
    const verifying = core.dispatch('auth:verifyOtp', { code: '123456' });
    await new Promise((r) => setTimeout(r, 10));
    await core.lock('suspend');
    release();
    await expect(verifying).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', resident: null } });
    expect(await peek(countSessionEntries)).toBe(0);
  });

  it('emits session:changed to every subscriber until it unsubscribes', async () => {
    const core = await start();
    const a: string[] = [];
    const b: string[] = [];
    const offA = core.onEvent((_e, p) => a.push(p.state));
    core.onEvent(() => {
      throw new Error('a broken listener does not break the others');
    });
    core.onEvent((_e, p) => b.push(p.state));
    await core.dispatch('session:start', {});
    offA();
    await core.dispatch('session:end', {});
    expect(a).toEqual(['phone']);
    expect(b).toEqual(['phone', 'attract']);
  });

  it('close stops the timers and closes the database', async () => {
    const core = await start();
    await signIn(core);
    expect(clock.pendingTimers()).toBeGreaterThan(0);
    await core.close();
    expect(clock.pendingTimers()).toBe(0);
    await core.close();
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true });
  });
});
