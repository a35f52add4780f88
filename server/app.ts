/**
 * The hub: composition root of the server. Everything stateful (database, clock, random,
 * SMS) is created or injected here and handed to the services, which the routes call.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DeviceMode } from '../shared/domain';
import { hubRoutes, webhookProviders } from '../shared/hub-api';
import type { Logger } from '../shared/logger';
import packageJson from '../package.json' with { type: 'json' };
import { openDatabase } from './db/connect';
import { devModeExposedMessage, isLoopbackHost } from './env';
import { migrateToLatest } from './db/migrate';
import { getOrCreateSecret } from './db/settings';
import { createIdGenerator } from './ids';
import type { RandomBytes } from './ids';
import { createAuthenticate } from './http/authenticate';
import { buildOpenApiDocument } from './http/openapi';
import { frameworkErrorReply, installHttpPlumbing } from './http/plumbing';
import { registerRoutes, servedRoutes } from './http/register-routes';
import type { RouteHandlers } from './http/register-routes';
import { installRequestContext, requestIdFor, requestIdMixin } from './http/request-context';
import { createDevTerminal, createHubLogger } from './log';
import type { DevTerminal } from './log';
import { createAuthHandlers } from './routes/auth';
import { createBillHandlers } from './routes/bills';
import { createProfileHandlers } from './routes/profile';
import { createRequestHandlers } from './routes/requests';
import { createPaymentHandlers } from './routes/payments';
import { createPayments, DEV_WEBHOOK_SECRET } from './services/payments';
import type { PaymentService } from './services/payments';
import { createIncidentHandlers } from './routes/incidents';
import { createIncidentService } from './services/incidents';
import { createReconciliationHandlers } from './routes/payment-reconciliation';
import { createReconciliationService } from './services/payment-reconciliation';
import { createResidentHandlers } from './routes/residents';
import { createResidentDirectoryService } from './services/resident-directory';
import { createCorrectionSyncKinds } from './sync-kinds/correction-request';
import { createContactChangeService } from './services/contact-changes';
import { createCorrectionService } from './services/corrections';
import { createRequestService } from './services/requests';
import type { RequestService } from './services/requests';
import { createWorkingDays } from './services/working-days';
import { createProfileService } from './services/profile';
import { createConsentHandlers } from './routes/consents';
import { createPolicyHandlers } from './routes/policy';
import { createBillReminderService } from './services/bill-reminders';
import type { BillReminderService } from './services/bill-reminders';
import { createConsentService } from './services/consents';
import type { ConsentService } from './services/consents';
import { createNotificationService } from './services/notifications';
import { createPolicyService } from './services/policy';
import { consentAuditRecorder, createConsentSyncKinds } from './sync-kinds/consents';
import { createAuditHandlers } from './routes/audit';
import { createAuditService } from './services/audit';
import { createAuditLogService } from './services/audit-log';
import { createDeviceFleetService } from './services/device-fleet';
import type { AuditService } from './services/audit';
import { createStaffAccessService } from './services/staff-access';
import { createPasswordService, loadCommonPasswords } from './services/passwords';
import { createStaffAuthService } from './services/staff-auth';
import type { StaffAuthLimits, StaffAuthService } from './services/staff-auth';
import { createStaffAuthHandlers } from './routes/staff-auth';
import type { StaffAccessService } from './services/staff-access';
import { createDevHandlers } from './routes/dev';
import { createDeviceHandlers } from './routes/devices';
import { createBroadcastHandlers } from './routes/broadcasts';
import { createBroadcastService } from './services/broadcasts';
import { createHealthHandlers } from './routes/health';
import { seedDemo } from './seed';
import type { DemoInfo } from './seed';
import { createBillService } from './services/bills';
import { createDeviceService } from './services/devices';
import { createEnrollmentThrottle } from './services/enrollment-throttle';
import type { EnrollmentLimits } from './services/enrollment-throttle';
import { createOtpService } from './services/otp';
import type { OtpLimits } from './services/otp';
import { createSessionService } from './services/sessions';
import { createSyncService } from './services/sync';
import type { SyncService } from './services/sync';
import { createSyncPushService } from './services/sync-push';
import type { SyncOperationKinds } from './services/sync-push';
import { createHeartbeatService } from './services/sync-heartbeats';
import { createSyncHandlers } from './routes/sync';
import { createDevSmsAdapter } from './adapters/sms/dev-sms';
import { isDevSmsAdapter } from './adapters/sms/sms-adapter';
import type { SmsAdapter } from './adapters/sms/sms-adapter';
import { createUnconfiguredSmsAdapter } from './adapters/sms/unconfigured-sms';
import { createDevMailAdapter, isDevMailAdapter } from './adapters/mail/dev-mail';
import type { MailAdapter } from './adapters/mail/mail-adapter';
import { createUnconfiguredMailAdapter } from './adapters/mail/unconfigured-mail';
import { createErasureService } from './services/erasure';
import { createDataExportService } from './services/data-export';
import { createHubJobs } from './jobs';
import type { JobReport } from './jobs';
import { createJobScheduler } from './jobs/scheduler';

export type { DemoInfo } from './seed';
export type { SmsAdapter, DevSmsAdapter } from './adapters/sms/sms-adapter';
export { createDevSmsAdapter } from './adapters/sms/dev-sms';
export type { MailAdapter, MailMessage } from './adapters/mail/mail-adapter';
export type { DevMailAdapter } from './adapters/mail/dev-mail';
export { createDevMailAdapter } from './adapters/mail/dev-mail';

export type HubOptions = {
  /** SQLite file path (or `:memory:`), or a `postgres://` URL. */
  database: string;
  /** Dev SMS outbox on (`GET /v1/dev/sms-outbox`), codes printed through the logger. */
  devMode: boolean;
  clock?: () => Date;
  random?: RandomBytes;
  sms?: SmsAdapter;
  /** By default the dev outbox (`GET /v1/dev/mail-outbox`) in dev mode, an adapter that refuses otherwise. */
  mail?: MailAdapter;
  /** By default the hub's pino logger on stdout, with the request id on every line. */
  logger?: Logger;
  /** Where dev SMS texts are shown to a developer; by default stdout in dev mode, nowhere otherwise. */
  terminal?: DevTerminal;
  /** Key for the OTP and phone HMACs; by default a random secret kept in the database. */
  otpHmacKey?: Buffer;
  /** Tests shorten or loosen the enrollment throttle; production uses the defaults. */
  enrollmentLimits?: Partial<EnrollmentLimits>;
  /** Tests shorten or loosen the OTP limits; production uses the defaults. */
  otpLimits?: Partial<OtpLimits>;
  /**
   * The operation kinds `POST /v1/sync/push` accepts. The hub has none built in yet: each
   * feature that brings a kiosk write registers its kind here; tests register their own.
   */
  syncOperationKinds?: SyncOperationKinds;
  /** Tests shorten the staff sign-in limits; production uses the defaults. */
  staffAuthLimits?: Partial<StaffAuthLimits>;
  /**
   * `scheduled`: the hub runs its jobs (erasure…) on their schedule from `listen()` until
   * `close()`. `manual` (the default, for tests and tools): only `runJobsOnce()` runs them.
   */
  jobs?: 'scheduled' | 'manual';
};

export type Hub = {
  app: FastifyInstance;
  /** Defaults: host 127.0.0.1, port 0 (any free port). Returns the base URL. */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
  /** One-time, valid 24 hours, stored hashed. */
  createEnrollmentCode(input: { buildingId: string; mode: DeviceMode }): Promise<string>;
  /** Seeds the demo building if this database has none; returns its info either way. */
  seedDemo(): Promise<DemoInfo>;
  /** The building change feed, for services (and tests) that publish changes. */
  sync: SyncService;
  /**
   * Resolves once the messages that applied sync operations send after their commit (consent
   * receipts) have been handed to their adapters. Pushes answer without waiting for them.
   */
  settled(): Promise<void>;
  /** Residents' consents (tests and the console read them). */
  consents: ConsentService;
  /** Reminders of unpaid bills due soon, through the consent check (a scheduled job comes later). */
  billReminders: BillReminderService;
  /** The audit chain: `record` for services, `verify` for the CLI and tests, the access log. */
  audit: AuditService;
  /** Staff reads of residents' data, each audited (the console's routes come with issue 9). */
  staffAccess: StaffAccessService;
  /** Data-subject requests: the resident's and the console's (the jobs and tests use it too). */
  requests: RequestService;
  /** Payment intents and bank transfers: `recordTransfer` is the one matching path (webhooks, statement imports). */
  payments: PaymentService;
  /** Staff accounts and sign-in; `createAccount` serves the CLI, tests and the console's staff management. */
  staffAuth: StaffAuthService;
  /** Runs every job once now (each does whatever is due); a job already running is waited for first. */
  runJobsOnce(): Promise<Record<string, JobReport>>;
};

export const HUB_VERSION: string = packageJson.version;
const OTP_KEY_SECRET = 'otp_hmac_key';

export async function createHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? (() => new Date());
  const random: RandomBytes = opts.random ?? ((n) => randomBytes(n));
  const logger = opts.logger ?? createHubLogger({ devMode: opts.devMode, mixin: requestIdMixin });
  if (opts.otpHmacKey && opts.otpHmacKey.length < 32) throw new Error('otpHmacKey must be at least 32 bytes');

  const db = openDatabase(opts.database, { logger: logger.child('db') });
  const policy = createPolicyService({ db, clock, logger: logger.child('policy') });
  let hmacKey: Buffer;
  try {
    const report = await migrateToLatest(db, clock);
    if (report.applied.length > 0) logger.info('Database migrated', { fromVersion: report.from, toVersion: report.to });
    // Every hub serves a policy, demo or not: the default texts until the operator adds theirs.
    await policy.ensureDefaults();
    hmacKey =
      opts.otpHmacKey ??
      Buffer.from(await getOrCreateSecret(db, OTP_KEY_SECRET, () => random(32).toString('base64'), clock().toISOString()), 'base64');
  } catch (err) {
    await db.destroy();
    throw err;
  }

  const newId = createIdGenerator(clock, random);
  const terminal = opts.terminal ?? createDevTerminal({ devMode: opts.devMode });
  const sms =
    opts.sms ?? (opts.devMode ? createDevSmsAdapter({ clock, terminal, logger: logger.child('sms') }) : createUnconfiguredSmsAdapter(logger.child('sms')));
  const mail: MailAdapter =
    opts.mail ?? (opts.devMode ? createDevMailAdapter({ clock, terminal, logger: logger.child('mail') }) : createUnconfiguredMailAdapter(logger.child('mail')));
  const devices = createDeviceService({ db, clock, random, newId, logger: logger.child('devices') });
  const sessions = createSessionService({ db, clock, random, newId });
  const otp = createOtpService({ db, clock, random, newId, sms, logger: logger.child('otp'), hmacKey, ...(opts.otpLimits ? { limits: opts.otpLimits } : {}) });
  const bills = createBillService({ db, clock });
  const audit = createAuditService({ db, clock, newId });
  const staffAccess = createStaffAccessService({ db, audit, clock, newId });
  const passwords = createPasswordService({ random, commonPasswords: loadCommonPasswords() });
  const staffAuth = createStaffAuthService({
    db,
    clock,
    random,
    newId,
    sms,
    passwords,
    hmacKey,
    logger: logger.child('staff-auth'),
    ...(opts.staffAuthLimits ? { limits: opts.staffAuthLimits } : {}),
  });
  const sync = createSyncService({ db, clock, newId });
  const consents = createConsentService({ db, clock, newId, policy });
  const notifications = createNotificationService({ db, consents, sms, mail, logger: logger.child('notify') });
  const billReminders = createBillReminderService({ db, clock, notifications, logger: logger.child('reminders') });
  const profile = createProfileService({ db, clock });
  const contactChanges = createContactChangeService({ db, clock, random, newId, sms, mail, logger: logger.child('profile'), hmacKey, audit });
  const workingDays = createWorkingDays({ db });
  const requests = createRequestService({ db, clock, newId, otp, audit, workingDays, logger: logger.child('requests') });
  const corrections = createCorrectionService({ db, clock, newId, audit, requests });
  const incidents = createIncidentService({ db, clock, newId, audit, sms, mail, logger: logger.child('incidents') });
  const payments = createPayments({ db, clock, random, newId, bills, notifications, audit, logger: logger.child('payments') });
  const reconciliation = createReconciliationService({ db, clock, newId, audit, recordTransfer: (buildingId, transfer) => payments.recordTransfer(buildingId, transfer), recordTransfers: (buildingId, rows) => payments.recordTransfers(buildingId, rows), logger: logger.child('reconciliation') });
  const directory = createResidentDirectoryService({ db, clock, audit, sms, logger: logger.child('residents') });
  // The hub's own kinds first; a test's kinds are added beside them.
  const syncKinds = {
    ...createConsentSyncKinds({ consents, notifications, logger: logger.child('consents'), audit: consentAuditRecorder(audit), requests }),
    ...createCorrectionSyncKinds({ corrections }),
    ...opts.syncOperationKinds,
  };
  const syncPush = createSyncPushService({ db, clock, logger: logger.child('sync'), kinds: syncKinds });
  const heartbeats = createHeartbeatService({ db, clock });
  const erasure = createErasureService({ db, clock, newId, audit, sync, sms, mail, hmacKey, logger: logger.child('erasure') });
  const exportJobDeps = { db, clock, newId, audit, mail, exports: createDataExportService({ db, clock, audit }), logger: logger.child('exports') };
  const deadlineJobDeps = { db, clock, newId, mail, logger: logger.child('deadlines') };
  const scheduler = createJobScheduler({ jobs: createHubJobs({ erasure, exports: exportJobDeps, deadlines: deadlineJobDeps, payments }), clock, logger: logger.child('jobs') });

  const devSms = isDevSmsAdapter(sms) ? sms : null;
  if (opts.devMode && devSms === null) logger.warn('Dev mode with a non-dev SMS adapter: /v1/dev/sms-outbox is not available');
  if (opts.devMode && !isDevMailAdapter(mail)) logger.warn('Dev mode with a non-dev mail adapter: /v1/dev/mail-outbox is not available');
  // Each dev outbox answers 404 on its own when its adapter is a real one.
  const routes = servedRoutes(hubRoutes, { devRoutes: opts.devMode });
  const handlers = {
    ...createHealthHandlers({
      version: HUB_VERSION,
      ping: async () => void (await sql`select 1`.execute(db)),
      openapi: buildOpenApiDocument(routes, { version: HUB_VERSION }),
    }),
    ...createDeviceHandlers({ devices, heartbeats, fleet: createDeviceFleetService({ db, clock, audit, devices, logger: logger.child('devices') }) }),
    ...createSyncHandlers({ push: syncPush, feed: sync }),
    ...createAuthHandlers({ otp, sessions }),
    ...createBillHandlers({ bills }),
    ...createProfileHandlers({ profile, contactChanges, corrections }),
    ...createConsentHandlers({ consents }),
    ...createPolicyHandlers({ policy }),
    ...createAuditHandlers({ audit, auditLog: createAuditLogService({ db, audit, clock }) }),
    ...createStaffAuthHandlers({ staffAuth }),
    ...createRequestHandlers({ requests }),
    ...createPaymentHandlers({ payments }),
    ...createIncidentHandlers({ incidents }),
    ...createReconciliationHandlers({ reconciliation }),
    ...createResidentHandlers({ directory }),
    ...createBroadcastHandlers({ broadcasts: createBroadcastService({ db, clock, newId, audit, sync, logger: logger.child('broadcasts') }) }),
    ...createDevHandlers({ sms: devSms, mail: isDevMailAdapter(mail) ? mail : null, runJobs: () => scheduler.runAll() }),
  } satisfies RouteHandlers;

  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, trustProxy: false, return503OnClosing: true, requestIdHeader: false, genReqId: requestIdFor, frameworkErrors: frameworkErrorReply });
  installRequestContext(app);
  installHttpPlumbing(app, logger.child('http'));
  const enrollThrottle = createEnrollmentThrottle({ clock, ...(opts.enrollmentLimits ? { limits: opts.enrollmentLimits } : {}) });
  const enrollRoute = hubRoutes['devices.enroll'];
  // Before the body is read: a throttled guess costs the hub as little as possible.
  app.addHook('onRequest', async (request) => {
    if (request.method === enrollRoute.method && request.routeOptions.url === enrollRoute.path) enrollThrottle.take(request.ip);
  });
  registerRoutes(app, { routes, handlers, authenticate: createAuthenticate({ devices, sessions, staffAuth }), rawBodyRoutes: ['payments.webhook'] });

  let closed: Promise<void> | null = null;
  return {
    app,
    async listen(listenOpts = {}) {
      const host = listenOpts.host ?? '127.0.0.1';
      // Checked here too, not only in env.ts: an embedding program gets the same refusal.
      if (opts.devMode && !isLoopbackHost(host)) throw new Error(devModeExposedMessage(host));
      const url = await app.listen({ port: listenOpts.port ?? 0, host });
      if (opts.jobs === 'scheduled') scheduler.start();
      return url;
    },
    close() {
      closed ??= (async () => {
        // Long polls waiting for a payment answer now instead of holding the close up.
        payments.close();
        await app.close();
        // A job run in progress finishes (its transaction and notice) before the database closes.
        await scheduler.stop();
        // Receipts of changes already committed still go out before the database closes.
        await syncPush.idle();
        await db.destroy();
      })();
      return closed;
    },
    settled: () => syncPush.idle(),
    consents,
    billReminders,
    createEnrollmentCode: (input) => devices.createEnrollmentCode(input),
    // Only a dev-mode hub lets the demo staff sign in (with a known password, printed in the dev banner).
    seedDemo: async () => {
      const info = await seedDemo(db, { clock, logger: logger.child('seed'), sync, staffAccess, ...(opts.devMode ? { demoStaffSignIn: passwords } : {}) });
      // Dev mode only: the demo building accepts webhooks signed with the known dev secret (docs/payments.md).
      if (opts.devMode) for (const provider of webhookProviders) await payments.setWebhookSecret(info.buildingId, provider, DEV_WEBHOOK_SECRET);
      return info;
    },
    sync,
    audit,
    staffAccess,
    requests,
    payments,
    staffAuth,
    runJobsOnce: () => scheduler.runAll(),
  };
}
