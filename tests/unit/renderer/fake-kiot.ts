/**
 * An in-memory `window.kiot` for renderer tests: a small session state machine
 * (attract → phone → code → signedIn → locked) that answers like the main process and
 * pushes `session:changed`. Tests drive the main-process side (countdown, lock, outages)
 * through the returned controls.
 */
import type { AccessLogEntry } from '../../../shared/audit';
import type { ChannelName } from '../../../shared/channels';
import type { LockReason, SessionState, SessionView } from '../../../shared/contract';
import type { ConsentsView } from '../../../shared/contract/consents';
import type { PolicyView } from '../../../shared/contract/policy';
import type { BuildingPublic } from '../../../shared/contract/building';
import type { Bill, DeviceMode, Locale, ResidentSummary } from '../../../shared/domain';
import type { KiotApi } from '../../../shared/kiot-api';
import { maskPhone, normalizeVietnamesePhone } from '../../../shared/phone';
import type { AppError, Result } from '../../../shared/result';
import { createFakeProfile } from './fake-profile';
import { createFakeRequests } from './kiosk/requests/fake-requests';
import { createFakePayments } from './kiosk/payments/fake-payments';
import type { FakePaymentsControls } from './kiosk/payments/fake-payments';
import { createFakeStaff } from './manager/fake-staff';
import type { FakeStaffControls, FakeStaffOptions } from './manager/fake-staff';
import type { FakeRequestsOptions } from './kiosk/requests/fake-requests';
import { createFakeConsoleRequests } from './manager/requests-fake';
import type { FakeConsoleRequestsOptions } from './manager/requests-fake';
import { createFakeConsoleAudit, createFakeConsoleDevices } from './manager/audit-devices-fake';
import type { FakeConsoleAuditOptions, FakeConsoleDevicesOptions } from './manager/audit-devices-fake';
import { createFakeConsolePayments } from './manager/payments-fake';
import type { FakeConsolePaymentsOptions } from './manager/payments-fake';
import { createFakeConsoleResidents } from './manager/residents-fake';
import type { FakeConsoleResidentsOptions } from './manager/residents-fake';
import { createFakeConsoleIncidents } from './manager/incidents-fake';
import type { FakeConsoleIncidentsOptions } from './manager/incidents-fake';
import { createFakeConsoleBroadcast } from './manager/broadcast-fake';

export type FakeKiotOptions = {
  buildingName?: string;
  /** What `app:info` says the device was enrolled as. */
  mode?: DeviceMode;
  version?: string;
  defaultLocale?: Locale;
  /** The code every OTP request "sends". */
  code?: string;
  resendAfterSeconds?: number;
  resident?: ResidentSummary;
  bills?: Bill[];
  /** What `accessLog:list` answers to a signed-in resident (none by default). */
  accessLog?: AccessLogEntry[];
  /** Wrong tries before a code locks. */
  attemptsPerCode?: number;
  /** What `consents:list` answers (no purposes by default, so nothing asks for review); `consents:set` changes it, "waiting". */
  consents?: ConsentsView;
  /** What `policy:get` answers; by default the hub is unreachable and nothing is stored. */
  policy?: PolicyView;
  /** What `building:public` answers (a named building, no announcements, no emergency by default); `setBuilding` changes it. */
  building?: Partial<BuildingPublic>;
  /** What the `requests` domain starts with (no requests, an email on file, code 123456). */
  requests?: FakeRequestsOptions;
  /** The console's staff session (signed in as a manager unless said otherwise). */
  staff?: FakeStaffOptions;
  /** The manager console's request queue (empty by default). */
  consoleRequests?: FakeConsoleRequestsOptions;
  /** The console's audit log (empty by default). */
  consoleAudit?: FakeConsoleAuditOptions;
  /** The console's device fleet (empty by default). */
  consoleDevices?: FakeConsoleDevicesOptions;
  /** The console's reconciliation: transfers, bills and imports (empty by default). */
  consolePayments?: FakeConsolePaymentsOptions;
  /** The manager console's resident directory (empty by default). */
  consoleResidents?: FakeConsoleResidentsOptions;
  /** The manager console's breach register (empty by default). */
  consoleIncidents?: FakeConsoleIncidentsOptions;
};

export type FakeCall = { channel: ChannelName; request: unknown };

export type FakeKiot = {
  api: KiotApi;
  calls: FakeCall[];
  callsTo(channel: ChannelName): FakeCall[];
  view(): SessionView;
  /** The next call to `channel` (or every call while `times` lasts) fails with `error`. */
  failNext(channel: ChannelName, error: AppError, times?: number): void;
  /** Every call fails with `hub_unavailable` until set back to false. */
  setHubDown(down: boolean): void;
  /** What the next `building:public` answers (an emergency starting or ending, new announcements). */
  setBuilding(patch: Partial<BuildingPublic>): void;
  /** Calls to `channel` wait until the returned function is called (to see a call in flight). */
  hold(channel: ChannelName): () => void;
  /** The main process starts (or, given the same `endsAt`, updates) the "Are you still there?" countdown. */
  startCountdown(secondsLeft: number, endsAt?: string): void;
  /** The main process locks (idle, suspend…): wipes and returns to attract. */
  lock(reason: LockReason): void;
  /** Moves the session without telling the renderer (a lost event). */
  moveSilently(state: SessionState): void;
  /** Pushes the current view once more, unchanged. */
  emitAgain(): void;
  /** Jump straight to a signed-in session. */
  signIn(): void;
  listenerCount(): number;
  /** The console's staff session, driven as the core would. */
  staff: FakeStaffControls;
  /** The resident's payment intent: money arriving, a status changing. */
  payments: FakePaymentsControls;
  /** The hub refused the device's credential: `app:deviceRevoked` is sent and `app:info` says so from then on. */
  revokeDevice(): void;
};

export const demoResident: ResidentSummary = {
  id: 'r-1',
  fullName: 'Nguyễn Thị Lan',
  unitLabel: 'A-1203',
  buildingName: 'Chung cư Sông Hồng',
};

export function bill(partial: Partial<Bill> & Pick<Bill, 'id'>): Bill {
  const full: Omit<Bill, 'paidVnd'> = {
    unitLabel: 'A-1203',
    service: 'management',
    month: '2026-10',
    amountVnd: 500_000,
    dueDate: '2026-11-15',
    status: 'unpaid',
    paidAt: null,
    consumption: null,
    ...partial,
  };
  return { ...full, paidVnd: partial.paidVnd ?? (full.status === 'paid' ? full.amountVnd : 0) };
}

export const demoBills: Bill[] = [
  bill({ id: 'b-oct-mgmt', service: 'management', month: '2026-10', amountVnd: 1_234_567, status: 'paid', paidAt: '2026-10-20T03:00:00.000Z' }),
  bill({
    id: 'b-nov-elec',
    service: 'electricity',
    month: '2026-11',
    amountVnd: 812_400,
    dueDate: '2026-12-10',
    status: 'unpaid',
    consumption: { unit: 'kWh', previousReading: 10_230, currentReading: 10_542, quantity: 312 },
  }),
  bill({
    id: 'b-nov-water',
    service: 'water',
    month: '2026-11',
    amountVnd: 187_000,
    dueDate: '2026-12-10',
    status: 'overdue',
    consumption: { unit: 'm3', previousReading: 1_204, currentReading: 1_221, quantity: 17 },
  }),
  bill({ id: 'b-sep-parking', service: 'parking', month: '2026-09', amountVnd: 120_000, dueDate: '2026-10-15', status: 'paid', paidAt: '2026-10-01T02:00:00.000Z' }),
];

/** Channels the main process answers without the hub. */
const localChannels: ReadonlySet<ChannelName> = new Set(['session:activity', 'session:setLocale', 'log:rendererError', 'staff:activity']);

export function createFakeKiot(options: FakeKiotOptions = {}): FakeKiot {
  const code = options.code ?? '123456';
  const resident = options.resident ?? demoResident;
  const bills = options.bills ?? demoBills;
  const attemptsPerCode = options.attemptsPerCode ?? 5;
  const resendAfterSeconds = options.resendAfterSeconds ?? 60;

  let view: SessionView = { state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock: null };
  let attemptsLeft = attemptsPerCode;
  /** The number of the last code request: like the main process, the fake keeps it for a resend. */
  let lastPhone: string | null = null;
  let lastLockMs = Date.parse('2026-11-25T02:00:00.000Z');
  let hubDown = false;
  const failures = new Map<ChannelName, { error: AppError; times: number }>();
  const listeners = new Set<(view: SessionView) => void>();
  const revokedListeners = new Set<(payload: { at: string }) => void>();
  let deviceRevoked = false;
  const consents: ConsentsView = structuredClone(options.consents ?? { policyVersion: 2, purposes: [], receiptChannel: 'sms', hasEmail: false, offline: false });
  let consentChanges = 0;
  let building: BuildingPublic = {
    name: options.buildingName ?? 'Chung cư Sông Hồng',
    address: '',
    hotline: '024 3718 6868',
    officeHours: null,
    announcements: [],
    emergency: null,
    ...options.building,
  };
  const held = new Map<ChannelName, Promise<void>>();
  const calls: FakeCall[] = [];

  const emit = (): void => {
    const snapshot = structuredClone(view);
    for (const listener of [...listeners]) listener(snapshot);
  };
  const update = (next: Partial<SessionView>): SessionView => {
    view = { ...view, ...next };
    emit();
    return structuredClone(view);
  };
  const fail = (code: AppError['code'], extra: Partial<AppError> = {}): Result<never> => ({ ok: false, error: { code, message: code, ...extra } });
  const lock = (reason: LockReason): SessionView => {
    lastLockMs += 1000;
    lastPhone = null;
    return update({ state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock: { reason, at: new Date(lastLockMs).toISOString() } });
  };

  const sendCode = (phone: string): Result<{ maskedPhone: string; expiresAt: string; resendAfterSeconds: number }> => {
    attemptsLeft = attemptsPerCode;
    lastPhone = phone;
    const maskedPhone = maskPhone(phone);
    update({ state: 'code', maskedPhone });
    return { ok: true, value: { maskedPhone, expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfterSeconds } };
  };

  /** Records the call, applies injected failures, answers asynchronously like IPC does. */
  const handle = async <T>(channel: ChannelName, request: unknown, body: () => Result<T>): Promise<Result<T>> => {
    calls.push({ channel, request });
    await Promise.resolve();
    await held.get(channel);
    const injected = failures.get(channel);
    if (injected) {
      if (--injected.times <= 0) failures.delete(channel);
      return { ok: false, error: injected.error };
    }
    if (hubDown && !localChannels.has(channel)) return fail('hub_unavailable');
    return body();
  };

  const fakeStaff = createFakeStaff(handle, options.staff);
  const fakePayments = createFakePayments(handle, () => view.state === 'signedIn', () => bills);
  const api: KiotApi = {
    staff: fakeStaff.api,
    onStaffChanged: fakeStaff.onChanged,
    app: {
      info: (request) =>
        handle('app:info', request, () => ({
          ok: true,
          value: {
            mode: options.mode ?? 'kiosk',
            version: options.version ?? '0.1.0-test',
            buildingName: options.buildingName ?? 'Chung cư Sông Hồng',
            defaultLocale: options.defaultLocale ?? 'vi',
            idleSeconds: 60,
            countdownSeconds: 15,
            ...(deviceRevoked ? { deviceRevoked: true } : {}),
          },
        })),
    },
    session: {
      get: (request) => handle('session:get', request, () => ({ ok: true, value: structuredClone(view) })),
      start: (request) =>
        handle('session:start', request, () => {
          if (view.state !== 'attract' && view.state !== 'code') return fail('wrong_state');
          return { ok: true, value: update({ state: 'phone', maskedPhone: null }) };
        }),
      activity: (request) => handle('session:activity', request, () => ({ ok: true, value: {} })),
      continue: (request) => handle('session:continue', request, () => ({ ok: true, value: update({ countdown: null }) })),
      end: (request) => handle('session:end', request, () => ({ ok: true, value: lock('signOut') })),
      setLocale: (request) => handle('session:setLocale', request, () => ({ ok: true, value: {} })),
    },
    auth: {
      requestOtp: (request) =>
        handle('auth:requestOtp', request, () => {
          if (view.state !== 'phone' && view.state !== 'code') return fail('wrong_state');
          const phone = normalizeVietnamesePhone(request.phone);
          if (!phone) return fail('invalid_input');
          return sendCode(phone);
        }),
      resendOtp: (request) =>
        handle('auth:resendOtp', request, () => {
          if (view.state !== 'code' || !lastPhone) return fail('wrong_state');
          return sendCode(lastPhone);
        }),
      verifyOtp: (request) =>
        handle('auth:verifyOtp', request, () => {
          if (view.state !== 'code') return fail('wrong_state');
          // As the hub does: the last wrong try is still `wrong_code` (0 left); the code locks on the next.
          if (attemptsLeft <= 0) return fail('code_locked');
          if (request.code !== code) {
            attemptsLeft -= 1;
            return fail('wrong_code', { attemptsLeft });
          }
          update({ state: 'signedIn', resident, maskedPhone: null });
          return { ok: true, value: { resident } };
        }),
    },
    bills: {
      list: (request) =>
        handle('bills:list', request, () => (view.state === 'signedIn' ? { ok: true, value: { bills: structuredClone(bills) } } : fail('unauthorized'))),
      get: (request) =>
        handle('bills:get', request, () => {
          if (view.state !== 'signedIn') return fail('unauthorized');
          const found = bills.find((b) => b.id === request.billId);
          return found ? { ok: true, value: { bill: structuredClone(found) } } : fail('not_found');
        }),
    },
    profile: createFakeProfile(handle, () => view.state === 'signedIn', code),
    accessLog: {
      list: (request) =>
        handle('accessLog:list', request, () => (view.state === 'signedIn' ? { ok: true, value: { entries: structuredClone(options.accessLog ?? []) } } : fail('unauthorized'))),
    },
    consents: {
      // Nothing to review by default, so the re-consent gate lets every screen through.
      list: (request) => handle('consents:list', request, () => (view.state === 'signedIn' ? { ok: true, value: structuredClone(consents) } : fail('unauthorized'))),
      set: (request) =>
        handle('consents:set', request, () => {
          if (view.state !== 'signedIn') return fail('unauthorized');
          const id = `c${++consentChanges}`;
          consents.purposes = consents.purposes.map((p) => (p.id === request.purposeId ? { ...p, granted: request.granted, needsReview: false, change: { id, granted: request.granted, status: { state: 'waiting' } } } : p));
          return { ok: true, value: { id, status: { state: 'waiting' as const } } };
        }),
      setReceipts: (request) => handle('consents:setReceipts', request, () => ({ ok: true, value: { id: 'r1', status: { state: 'waiting' as const } } })),
      changeStatus: (request) => handle('consents:changeStatus', request, () => ({ ok: true, value: { status: null } })),
    },
    policy: {
      get: (request) => handle('policy:get', request, () => (options.policy ? { ok: true, value: structuredClone(options.policy) } : fail('hub_unavailable'))),
    },
    building: {
      public: (request) => handle('building:public', request, () => ({ ok: true, value: structuredClone(building) })),
    },
    requests: createFakeRequests(handle, () => view.state === 'signedIn', options.requests),
    payments: fakePayments.api,
    consoleRequests: createFakeConsoleRequests(handle, options.consoleRequests),
    consoleAudit: createFakeConsoleAudit(handle, options.consoleAudit),
    consoleDevices: createFakeConsoleDevices(handle, options.consoleDevices),
    consoleBroadcast: createFakeConsoleBroadcast(handle),
    consolePayments: createFakeConsolePayments(handle, options.consolePayments),
    consoleResidents: createFakeConsoleResidents(handle, options.consoleResidents),
    consoleIncidents: createFakeConsoleIncidents(handle, options.consoleIncidents),
    log: {
      rendererError: (request) => handle('log:rendererError', request, () => ({ ok: true, value: {} })),
    },
    onSessionChanged: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onAppDeviceRevoked: (listener) => {
      revokedListeners.add(listener);
      return () => {
        revokedListeners.delete(listener);
      };
    },
  };

  return {
    revokeDevice: () => {
      deviceRevoked = true;
      for (const listener of [...revokedListeners]) listener({ at: new Date().toISOString() });
    },
    api,
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel),
    view: () => structuredClone(view),
    failNext: (channel, error, times = 1) => {
      failures.set(channel, { error, times });
    },
    setHubDown: (down) => {
      hubDown = down;
    },
    setBuilding: (patch) => {
      building = { ...building, ...patch };
    },
    hold: (channel) => {
      let release = (): void => {};
      held.set(
        channel,
        new Promise<void>((resolve) => {
          release = () => {
            held.delete(channel);
            resolve();
          };
        }),
      );
      return () => release();
    },
    startCountdown: (secondsLeft, endsAt = new Date(Date.now() + secondsLeft * 1000).toISOString()) => {
      update({ countdown: { endsAt, secondsLeft } });
    },
    lock: (reason) => {
      lock(reason);
    },
    emitAgain: emit,
    moveSilently: (state) => {
      view = { ...view, state };
    },
    signIn: () => {
      update({ state: 'signedIn', resident, maskedPhone: null, countdown: null });
    },
    listenerCount: () => listeners.size,
    staff: fakeStaff.controls,
    payments: fakePayments.controls,
  };
}
