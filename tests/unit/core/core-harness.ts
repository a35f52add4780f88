/**
 * A real app core (real encrypted database in a temporary data directory, real session,
 * real dispatcher) against an in-memory stand-in for the hub, for the core's unit tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { AppCore, AppCoreOptions, KioskConfig } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/create-core';
import type { KioskDatabase } from '../../../electron/core/db/open';
import { hubPaths } from '../../../electron/core/platform/hub-client';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import type { Bill } from '../../../shared/domain';
import { createLogger } from '../../../shared/logger';
import type { LogSink } from '../../../shared/logger';
import { createFakeClock } from '../../fixtures/fake-clock';
import type { FakeClock } from '../../fixtures/fake-clock';
import { peekKioskDatabase } from '../../fixtures/kiosk-db';

export const resident = { id: 'res_1', fullName: 'Nguyễn Văn An', unitLabel: 'A-1203', buildingName: 'Tòa Sen' };
export const RESIDENT_UNIT_ID = 'unit_1203';
export const TOKEN = 'T'.repeat(43);
export const DEVICE_SECRET = 'S'.repeat(43);

export const bills: Bill[] = [
  {
    id: 'bill_1',
    unitLabel: 'A-1203',
    service: 'electricity',
    month: '2026-10',
    amountVnd: 845_000,
    dueDate: '2026-11-15',
    status: 'unpaid',
    paidVnd: 0,
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
    paidVnd: 700_000,
    paidAt: '2026-11-02T03:00:00.000Z',
    consumption: null,
  },
];

export type Call = { method: string; path: string; headers: Headers; body: unknown };
type Route = (call: Call) => Response | Promise<Response>;

export const jsonResponse = (status: number, value: unknown): Response =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

export const verifiedBody = { token: TOKEN, expiresAt: '2026-11-25T03:15:00.000Z', resident, unitId: RESIDENT_UNIT_ID, sessionId: 'session-1' };

/** An in-memory stand-in for the hub, answering at the routes the hub client calls. */
export type FakeHub = { fetch: typeof fetch; calls: Call[]; routes: Map<string, Route>; down: boolean };

export function fakeHub(): FakeHub {
  let otpRequests = 0;
  const hub: FakeHub = {
    calls: [] as Call[],
    down: false,
    routes: new Map<string, Route>([
      [
        `POST ${hubPaths.enroll}`,
        () => jsonResponse(200, { deviceId: 'dev_1', deviceSecret: DEVICE_SECRET, buildingId: 'bld_1', buildingName: 'Tòa Sen', mode: 'kiosk' }),
      ],
      [
        `POST ${hubPaths.requestOtp}`,
        () => {
          otpRequests += 1;
          return jsonResponse(200, { requestId: otpRequests === 1 ? 'req_1' : `req_${otpRequests}`, expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 });
        },
      ],
      [
        `POST ${hubPaths.verifyOtp}`,
        (call) =>
          (call.body as { code: string }).code === '123456'
            ? jsonResponse(200, verifiedBody)
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

export type LogEntry = Parameters<LogSink>[0];

export type CoreHarness = {
  dataDir: string;
  clock: FakeClock;
  hub: FakeHub;
  config: KioskConfig;
  /** Everything the core logged, through a capturing `Logger`. */
  logs: LogEntry[];
  start(overrides?: Partial<KioskConfig>, options?: Partial<AppCoreOptions>): Promise<AppCore>;
  peek<T>(fn: (db: KioskDatabase) => T): Promise<T>;
  /** attract → phone → code → signedIn with the fake hub's good code. */
  signIn(core: AppCore): Promise<void>;
};

/** Call inside a `describe`: a fresh data directory, clock and hub for each test, cleaned up after. */
export function useCoreHarness(): CoreHarness {
  const cores: AppCore[] = [];
  const h: CoreHarness = {
    dataDir: '',
    clock: createFakeClock(),
    hub: fakeHub(),
    config: null as unknown as KioskConfig,
    logs: [],
    async start(overrides = {}, options = {}) {
      const core = await createAppCore({
        config: { ...h.config, ...overrides },
        keystore: createDevFileKeystore({ dataDir: h.dataDir, packaged: false }),
        version: '1.2.3',
        fetch: h.hub.fetch,
        clock: h.clock,
        logger: createLogger('test', (entry) => h.logs.push(entry), 'debug'),
        // No sync timers or calls unless a test asks: the fake hub answers only the routes above.
        sync: false,
        ...options,
      });
      cores.push(core);
      return core;
    },
    peek: (fn) => peekKioskDatabase(h.dataDir, fn),
    async signIn(core) {
      expect((await core.dispatch('session:start', {})).ok).toBe(true);
      expect(await core.dispatch('auth:requestOtp', { phone: '0912 345 678' })).toMatchObject({ ok: true });
      expect(await core.dispatch('auth:verifyOtp', { code: '123456' })).toMatchObject({ ok: true });
    },
  };

  beforeEach(() => {
    h.dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-core-'));
    h.clock = createFakeClock(Date.UTC(2026, 10, 25, 3, 0, 0));
    h.hub = fakeHub();
    h.logs = [];
    h.config = {
      dataDir: h.dataDir,
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
    rmSync(h.dataDir, { recursive: true, force: true });
  });

  return h;
}
