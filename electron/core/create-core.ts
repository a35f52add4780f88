import fs from 'node:fs/promises';
import path from 'node:path';
import type { EventName } from '../../shared/channels';
import type { EventPayload, Handlers } from '../../shared/contract';
import type { Bill } from '../../shared/domain';
import { silentLogger } from '../../shared/logger';
import { maskPhone, normalizeVietnamesePhone } from '../../shared/phone';
import { KiotError } from '../../shared/result';
import type { EventListener, KioskCore, KioskCoreOptions } from './api';
import { createSystemClock } from './platform/clock';
import { getDeviceIdentity, saveDeviceIdentity } from './db/device-identity';
import type { DeviceIdentity } from './db/device-identity';
import { runMigrations } from './db/migrate';
import { openKioskDatabase } from './db/open';
import type { KioskDatabase } from './db/open';
import { getSessionEntry, putSessionEntry, wipeSessionCache } from './db/session-cache';
import { createDispatcher } from './dispatch';
import { createHubClient } from './platform/hub-client';
import type { HubClient } from './platform/hub-client';
import { createSession } from './session/resident-session';

export { createUuidV7 } from './platform/uuid-v7';

export const DATABASE_FILE = 'kiosk.db';
const DEFAULT_HUB_TIMEOUT_MS = 10_000;

export type EnrollmentErrorCode = 'no_code' | 'rejected' | 'hub_unavailable';

/** The device has no identity and could not get one; the composition root shows IT what to do. */
export class EnrollmentError extends Error {
  readonly code: EnrollmentErrorCode;

  constructor(code: EnrollmentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnrollmentError';
    this.code = code;
  }
}

async function enroll(
  db: KioskDatabase,
  hub: HubClient,
  opts: KioskCoreOptions,
  now: () => number,
): Promise<DeviceIdentity> {
  const { config, keystore } = opts;
  if (config.enrollCode === null) {
    throw new EnrollmentError(
      'no_code',
      'This device is not enrolled. IT must enroll it with a one-time code issued in the manager console: ' +
        'set KIOT_ENROLL_CODE=<code> and start Kiot again.',
    );
  }
  let enrolled;
  try {
    enrolled = await hub.enroll({ code: config.enrollCode, name: config.deviceName });
  } catch (err) {
    if (err instanceof KiotError && err.code === 'hub_unavailable') {
      throw new EnrollmentError('hub_unavailable', `Cannot reach the hub at ${config.hubUrl} to enroll this device; check KIOT_HUB_URL and the network.`, { cause: err });
    }
    throw new EnrollmentError(
      'rejected',
      `The hub refused enrollment code KIOT_ENROLL_CODE (${err instanceof Error ? err.message : String(err)}). ` +
        'Codes are single use and expire: ask the manager console for a new one.',
      { cause: err },
    );
  }
  const identity: DeviceIdentity = {
    deviceId: enrolled.deviceId,
    deviceSecret: enrolled.deviceSecret,
    buildingId: enrolled.buildingId,
    buildingName: enrolled.buildingName,
    mode: enrolled.mode,
    enrolledAt: new Date(now()).toISOString(),
    keystoreBackend: keystore.backend,
  };
  saveDeviceIdentity(db, identity);
  return identity;
}

/**
 * Composes the kiosk core: keystore → encrypted database → migrations → device identity
 * (enrolling on first start) → hub client → session → one handler per contract channel.
 */
export async function createKioskCore(opts: KioskCoreOptions): Promise<KioskCore> {
  const { config, keystore, version } = opts;
  const logger = (opts.logger ?? silentLogger).child('core');
  const clock = opts.clock ?? createSystemClock();
  const now = (): number => clock.now();
  const iso = (): string => new Date(now()).toISOString();

  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const key = await keystore.getOrCreateDbKey();
  let db: KioskDatabase;
  try {
    db = openKioskDatabase(path.join(config.dataDir, DATABASE_FILE), key, { nativeBinding: config.sqliteNativeBinding });
  } finally {
    // The keystore hands out copies; this one is no longer needed in memory.
    key.fill(0);
  }

  let identity: DeviceIdentity | null = null;
  const hub = createHubClient({
    baseUrl: config.hubUrl,
    fetch: opts.fetch ?? globalThis.fetch,
    timeoutMs: opts.hubTimeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
    getDeviceCredential: () => (identity === null ? null : { deviceId: identity.deviceId, deviceSecret: identity.deviceSecret }),
    logger,
  });

  try {
    runMigrations(db);
    // A crash or power cut in the middle of a session leaves that resident's data behind.
    wipeSessionCache(db);
    identity = getDeviceIdentity(db) ?? (await enroll(db, hub, opts, now));
  } catch (err) {
    db.close();
    throw err;
  }
  if (identity.keystoreBackend !== keystore.backend) {
    logger.warn('keystore backend differs from the one recorded at enrollment', {
      recorded: identity.keystoreBackend,
      current: keystore.backend,
    });
  }
  const device: DeviceIdentity = identity;

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (err) {
        logger.error('event listener threw', { event, error: err instanceof Error ? err.message : String(err) });
      }
    }
  };

  const session = createSession({
    clock,
    idleSeconds: config.idleSeconds,
    countdownSeconds: config.countdownSeconds,
    sessionMaxSeconds: config.sessionMaxSeconds,
    wipe: () => wipeSessionCache(db),
    emit: (view) => emit('session:changed', view),
    logger,
  });

  /** After an await: the session must still be the one the request started in. */
  const sameSession = (epoch: number): void => {
    if (session.epoch !== epoch) throw new KiotError('wrong_state', 'The session ended while waiting for the hub');
  };

  const requireSignedIn = (): string => {
    const token = session.residentToken;
    if (session.state !== 'signedIn' || token === null) throw new KiotError('unauthorized', 'No resident is signed in');
    return token;
  };

  const fetchBills = async (): Promise<Bill[]> => {
    const token = requireSignedIn();
    const epoch = session.epoch;
    const { bills } = await hub.listBills(token);
    sameSession(epoch);
    putSessionEntry(db, 'bills', bills, iso());
    return bills;
  };

  const cachedBills = (): Bill[] | undefined => getSessionEntry(db, 'bills') as Bill[] | undefined;

  const handlers: Handlers = {
    'app:info': async () => ({
      mode: device.mode,
      version,
      buildingName: device.buildingName,
      defaultLocale: 'vi',
      idleSeconds: config.idleSeconds,
      countdownSeconds: config.countdownSeconds,
    }),
    'session:get': async () => session.view(),
    'session:start': async () => session.start(),
    'session:activity': async () => {
      session.activity();
      return {};
    },
    'session:continue': async () => session.continue(),
    'session:end': async () => session.lock('signOut'),
    'auth:requestOtp': async ({ phone }) => {
      if (session.state !== 'phone' && session.state !== 'code') {
        throw new KiotError('wrong_state', `Cannot request a code in state ${session.state}`);
      }
      session.activity();
      const e164 = normalizeVietnamesePhone(phone);
      if (e164 === null) throw new KiotError('invalid_input', 'Not a Vietnamese phone number');
      const epoch = session.epoch;
      const sent = await hub.requestOtp({ phone: e164 });
      sameSession(epoch);
      const maskedPhone = maskPhone(e164);
      session.codeSent({ maskedPhone, requestId: sent.requestId });
      return { maskedPhone, expiresAt: sent.expiresAt, resendAfterSeconds: sent.resendAfterSeconds };
    },
    'auth:verifyOtp': async ({ code }) => {
      const requestId = session.otpRequestId;
      if (session.state !== 'code' || requestId === null) {
        throw new KiotError('wrong_state', `Cannot verify a code in state ${session.state}`);
      }
      session.activity();
      const epoch = session.epoch;
      const verified = await hub.verifyOtp({ requestId, code });
      sameSession(epoch);
      putSessionEntry(db, 'resident', verified.resident, iso());
      session.signedIn({ resident: verified.resident, token: verified.token });
      return { resident: verified.resident };
    },
    'bills:list': async () => {
      requireSignedIn();
      session.activity();
      return { bills: await fetchBills() };
    },
    'bills:get': async ({ billId }) => {
      requireSignedIn();
      session.activity();
      const find = (bills: Bill[] | undefined): Bill | undefined => bills?.find((b) => b.id === billId);
      const bill = find(cachedBills()) ?? find(await fetchBills());
      if (bill === undefined) throw new KiotError('not_found', 'No such bill for this resident');
      return { bill };
    },
  };

  let closed = false;
  return {
    handlers,
    dispatch: createDispatcher(handlers, logger),
    mode: device.mode,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async lock(reason) {
      if (closed) return;
      session.lock(reason);
    },
    async close() {
      if (closed) return;
      closed = true;
      session.dispose();
      listeners.clear();
      db.close();
    },
  };
}
