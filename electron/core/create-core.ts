/**
 * Composes the app core: keystore → encrypted database → device identity (enrolling on
 * first start) → hub client → session → the handlers of every feature, merged. Logic lives
 * in platform/, device/, session/ and features/<domain>/; this file only wires them.
 */
import type { Handlers } from '../../shared/contract';
import { silentLogger } from '../../shared/logger';
import type { AppCore, AppCoreOptions } from './api';
import type { DeviceIdentity } from './db/device-identity';
import { wipeSessionCache } from './db/session-cache';
import { loadDeviceIdentity } from './device/device-identity';
import { createDispatcher } from './dispatch';
import { createAppHandlers } from './features/app/handlers';
import { createAppService } from './features/app/service';
import { createAuthHandlers } from './features/auth/handlers';
import { createAuthService } from './features/auth/service';
import { createBillsHandlers } from './features/bills/handlers';
import { createProfileHandlers } from './features/profile/handlers';
import { createProfileService } from './features/profile/service';
import { createBillsService } from './features/bills/service';
import { createConsentsHandlers } from './features/consents/handlers';
import { createConsentsService } from './features/consents/service';
import { createPolicyHandlers } from './features/policy/handlers';
import { createPolicyService } from './features/policy/service';
import { createBuildingHandlers } from './features/building/handlers';
import { createBuildingService } from './features/building/service';
import { createConsoleBroadcastHandlers } from './features/console-broadcast/handlers';
import { createConsoleBroadcastService } from './features/console-broadcast/service';
import { createRequestsHandlers } from './features/requests/handlers';
import { createRequestsService } from './features/requests/service';
import { createPaymentsHandlers } from './features/payments/handlers';
import { createPaymentsService } from './features/payments/service';
import { createConsoleRequestsHandlers } from './features/console-requests/handlers';
import { createConsoleRequestsService } from './features/console-requests/service';
import { createAccessLogHandlers } from './features/access-log/handlers';
import { createAccessLogService } from './features/access-log/service';
import { createLogHandlers } from './features/log/handlers';
import { createConsoleAuditHandlers } from './features/console-audit/handlers';
import { createConsoleAuditService } from './features/console-audit/service';
import { createConsoleDevicesHandlers } from './features/console-devices/handlers';
import { createConsoleDevicesService } from './features/console-devices/service';
import { createConsolePaymentsHandlers } from './features/console-payments/handlers';
import { createConsolePaymentsService } from './features/console-payments/service';
import { createLogService } from './features/log/service';
import { createSessionHandlers } from './features/session/handlers';
import { createSessionService } from './features/session/service';
import { createStaffHandlers } from './features/staff/handlers';
import { createConsoleIncidentsHandlers } from './features/console-incidents/handlers';
import { createConsoleIncidentsService } from './features/console-incidents/service';
import { createConsoleResidentsHandlers } from './features/console-residents/handlers';
import { createConsoleResidentsService } from './features/console-residents/service';
import { createSystemClock } from './platform/clock';
import { createEventBus } from './platform/events';
import { createHubClient } from './platform/hub-client';
import { openLocalDatabase } from './platform/local-database';
import { createUuidV7 } from './platform/uuid-v7';
import { createCallerContext } from './session/caller-context';
import { createSession } from './session/resident-session';
import { createSessionCache } from './session/session-cache';
import { createStaffSession } from './session/staff-session';
import { createCoreSync } from './sync/core-sync';

const DEFAULT_HUB_TIMEOUT_MS = 10_000;

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const { config, keystore } = opts;
  const logger = (opts.logger ?? silentLogger).child('core');
  const clock = opts.clock ?? createSystemClock();
  const now = (): number => clock.now();

  const db = await openLocalDatabase(config, keystore);
  let identity: DeviceIdentity | null = null;
  // Set once the event bus exists; a refusal before that (during startup) is remembered all the same.
  let deviceRevokedAt: string | null = null;
  let announceRevoked: (at: string) => void = () => {};
  const hub = createHubClient({
    baseUrl: config.hubUrl,
    fetch: opts.fetch ?? globalThis.fetch,
    timeoutMs: opts.hubTimeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
    getDeviceCredential: () => (identity === null ? null : { deviceId: identity.deviceId, deviceSecret: identity.deviceSecret }),
    // The hub refused the device itself (revoked in the console): IT must see it, once.
    onDeviceRefused: () => {
      if (deviceRevokedAt !== null) return;
      deviceRevokedAt = new Date(now()).toISOString();
      logger.warn('The hub refused this device\'s credential: it was revoked or removed; enroll it again');
      announceRevoked(deviceRevokedAt);
    },
    logger,
  });
  try {
    // A crash or power cut in the middle of a session leaves that resident's data behind.
    wipeSessionCache(db);
    identity = await loadDeviceIdentity({ db, hub, config, keystore, now });
  } catch (err) {
    db.close();
    throw err;
  }
  const device: DeviceIdentity = identity;

  const events = createEventBus(logger);
  announceRevoked = (at) => events.emit('app:deviceRevoked', { at });
  if (deviceRevokedAt !== null) announceRevoked(deviceRevokedAt);
  const session = createSession({
    clock,
    idleSeconds: config.idleSeconds,
    countdownSeconds: config.countdownSeconds,
    sessionMaxSeconds: config.sessionMaxSeconds,
    wipe: () => wipeSessionCache(db),
    emit: (view) => events.emit('session:changed', view),
    // Locked first and at once, then told to the hub: the kiosk never waits for a hub that
    // may be down before the resident's data leaves the screen and the disk. Best effort: an
    // unreachable hub lets the token expire on its own (15 minutes).
    onSessionClosed: (token) => {
      hub.signOut(token).catch((err: unknown) => {
        logger.child('session').warn('hub sign-out failed; the session expires at the hub on its own', { error: err instanceof Error ? err.message : String(err) });
      });
    },
    logger,
  });
  // Manager mode: the staff token lives in this object's memory only, never on disk.
  const staff = createStaffSession({
    hub,
    clock,
    emit: (view) => events.emit('staff:changed', view),
    ...(opts.staffIdleSeconds !== undefined ? { idleSeconds: opts.staffIdleSeconds } : {}),
    logger,
  });
  const cache = createSessionCache(db, now);
  const newId = createUuidV7(now);
  const sync = createCoreSync({ db, hub, clock, newId, session, version: opts.version, logger, options: opts.sync ?? {} });

  const policy = createPolicyService({ db, hub, now });
  // A copy of the policy for when the hub is unreachable; only when background sync runs (tests that drive it by hand fetch nothing unasked).
  if (opts.sync !== false) void policy.refresh();

  const handlers = {
    ...createAppHandlers(createAppService({ device, config, version: opts.version, deviceRevoked: () => deviceRevokedAt !== null })),
    ...createSessionHandlers(createSessionService({ session })),
    ...createAuthHandlers(createAuthService({ session, hub, cache })),
    ...createBillsHandlers(createBillsService({ session, hub, cache })),
    ...createProfileHandlers(createProfileService({ session, hub, cache, sync: sync.residentWrites })),
    ...createAccessLogHandlers(createAccessLogService({ session, hub })),
    ...createConsentsHandlers(createConsentsService({ session, hub, cache, sync: sync.residentWrites })),
    ...createPolicyHandlers(policy),
    ...createBuildingHandlers(createBuildingService({ db })),
    ...createRequestsHandlers(createRequestsService({ session, hub })),
    ...createPaymentsHandlers(createPaymentsService({ session, hub, cache })),
    ...createConsoleRequestsHandlers(createConsoleRequestsService({ staffHub: staff.staffHub })),
    ...createConsoleAuditHandlers(createConsoleAuditService({ staffHub: staff.staffHub })),
    ...createConsoleDevicesHandlers(createConsoleDevicesService({ staffHub: staff.staffHub })),
    ...createConsolePaymentsHandlers(createConsolePaymentsService({ staffHub: staff.staffHub })),
    ...createConsoleBroadcastHandlers(createConsoleBroadcastService({ staffHub: staff.staffHub })),
    ...createLogHandlers(createLogService({ logger: logger.child('renderer'), clock })),
    ...createConsoleIncidentsHandlers(createConsoleIncidentsService({ staffHub: staff.staffHub })),
    ...createConsoleResidentsHandlers(createConsoleResidentsService({ staffHub: staff.staffHub })),
    ...createStaffHandlers(staff),
  } satisfies Handlers;

  const context = createCallerContext({ device, session, newRequestId: newId });

  let closed = false;
  return {
    handlers,
    dispatch: createDispatcher(handlers, { context, logger }),
    mode: device.mode,
    sync: {
      record: (write, localEffect) => sync.outbox.record(write, localEffect),
      recordAsResident: (write, localEffect) => sync.recordAsResident(write, localEffect),
      status: () => sync.engine.status(),
      itemStatus: (id) => sync.engine.itemStatus(id),
      flush: () => sync.engine.flush(),
      pull: () => sync.engine.pull(),
    },
    onEvent: (listener) => events.subscribe(listener),
    async lock(reason) {
      if (closed) return;
      session.lock(reason);
      if (reason === 'suspend' || reason === 'crash') staff.lock(reason);
    },
    async close() {
      if (closed) return;
      closed = true;
      session.dispose();
      staff.dispose();
      events.clear();
      // The exchange in flight finishes (bounded by the hub timeout) before the database closes.
      await sync.engine.stop();
      db.close();
    },
  };
}
