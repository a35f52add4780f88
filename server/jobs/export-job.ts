/**
 * The `exports` job: prepares each export request that is waiting (received or acknowledged;
 * a held request has status on_hold and is left alone), then delivers it. By email: the mail
 * goes after the commit and the request is done once it has been handed over. For pickup: the
 * request stays in progress with the reason `ready_for_pickup` until staff complete it after
 * the hand-over.
 *
 * Exactly once across hub instances: each request is claimed in its own transaction
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and re-checked there. A mail whose send failed is
 * sent again on a later run, but only once its last attempt is older than a lease, so a mail
 * another instance is sending right now is not sent twice.
 */
import type { Logger } from '../../shared/logger';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import { exportMail } from '../adapters/mail/request-mails';
import type { HubDb } from '../db/connect';
import {
  getExportRequest,
  getResidentEmail,
  insertRequestEvent,
  listExportsToPrepare,
  listExportsToResend,
  lockExportRequest,
  updateExportRequest,
} from '../db/data-export';
import type { ExportRequestRow } from '../db/data-export';
import type { IdGenerator } from '../ids';
import type { AuditService } from '../services/audit';
import { EXPORT_FILENAME } from '../services/data-export';
import type { DataExportService } from '../services/data-export';
import type { HubJob, JobReport } from './job';

export const EXPORT_JOB_NAME = 'exports';
/** The neutral reason code the kiosk turns into words (vi/en) on "My requests": ready at the management office. */
export const EXPORT_REASON_PICKUP = 'ready_for_pickup';
/** The audit trail's name for this job (shared/audit.ts `auditSystemJobs`). */
const AUDIT_JOB = 'export';
const BATCH = 20;
/** A mail attempt older than this without success is taken as failed and tried again. */
export const EXPORT_SEND_LEASE_SECONDS = 5 * 60;

export type ExportJobDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  exports: DataExportService;
  audit: Pick<AuditService, 'record'>;
  mail: MailAdapter;
  logger: Logger;
};

type Prepared = { outcome: 'skipped' } | { outcome: 'pickup' } | { outcome: 'refused' } | { outcome: 'email'; request: ExportRequestRow };

export function createExportJob(deps: ExportJobDeps): HubJob {
  const { db, clock, newId, logger } = deps;
  const now = (): string => clock().toISOString();

  async function prepare(id: string): Promise<Prepared> {
    const before = await getExportRequest(db, id);
    if (!before || before.export_prepared_at !== null || (before.status !== 'received' && before.status !== 'acknowledged')) return { outcome: 'skipped' };
    // Built before the claim: the access log is read through its own service and connection,
    // which on SQLite's single connection could not run inside the transaction.
    const built = await deps.exports.build(before.resident_id);
    const email = await getResidentEmail(db, before.resident_id);
    return db.transaction().execute(async (trx): Promise<Prepared> => {
      const row = await lockExportRequest(trx, id);
      // Taken by another instance, held, cancelled or prepared meanwhile.
      if (!row || row.export_prepared_at !== null || (row.status !== 'received' && row.status !== 'acknowledged')) return { outcome: 'skipped' };
      const at = now();
      if (!built) {
        // The resident was erased before the copy was made: there is nobody left to send it to.
        if (!(await updateExportRequest(trx, id, row.status, { status: 'refused', refusal_reason: 'resident_erased', closed_at: at, updated_at: at }))) return { outcome: 'skipped' };
        await insertRequestEvent(trx, { id: newId(), request_id: id, at, action: 'refused', actor_kind: 'system', actor_id: EXPORT_JOB_NAME, reason: 'resident_erased' });
        return { outcome: 'refused' };
      }
      // Email was chosen while the resident had an address; if it is gone now, the office hands it over instead.
      const delivery = row.export_delivery === 'email' && email ? 'email' : 'pickup';
      const claimed = await updateExportRequest(trx, id, row.status, {
        status: 'in_progress',
        export_delivery: delivery,
        export_json: built.json,
        export_summary: built.summary,
        export_prepared_at: at,
        updated_at: at,
      });
      // Another run moved it on between the read and the update (SQLite; PostgreSQL's lock prevents it).
      if (!claimed) return { outcome: 'skipped' };
      await insertRequestEvent(trx, {
        id: newId(),
        request_id: id,
        at,
        action: 'started',
        actor_kind: 'system',
        actor_id: EXPORT_JOB_NAME,
        // By email the mail follows at once and 'completed' says the rest.
        reason: delivery === 'email' ? null : EXPORT_REASON_PICKUP,
      });
      // Last write of the transaction: it locks the building's audit chain until the commit.
      await deps.audit.record(trx, {
        buildingId: row.building_id,
        residentId: row.resident_id,
        actor: { kind: 'system', job: AUDIT_JOB },
        action: 'data.exported',
        reason: null,
        detail: { requestId: id, delivery },
      });
      return delivery === 'email' ? { outcome: 'email', request: row } : { outcome: 'pickup' };
    });
  }

  /** Takes a prepared email export whose last attempt went stale: the lease moves to this run. */
  async function claimResend(id: string): Promise<ExportRequestRow | undefined> {
    const staleBefore = new Date(clock().getTime() - EXPORT_SEND_LEASE_SECONDS * 1000).toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await lockExportRequest(trx, id);
      if (!row || row.status !== 'in_progress' || row.export_delivery !== 'email' || row.export_prepared_at === null || row.updated_at >= staleBefore) return undefined;
      const taken = await updateExportRequest(trx, id, 'in_progress', { updated_at: now() });
      return taken ? row : undefined;
    });
  }

  /** After the commit: hands the mail over, then closes the request. False when it must be tried again. */
  async function send(id: string): Promise<boolean> {
    const row = await getExportRequest(db, id);
    if (!row || row.status !== 'in_progress' || row.export_json === null || row.export_summary === null) return true;
    const to = await getResidentEmail(db, row.resident_id);
    if (!to) {
      logger.warn('An export could not be mailed: the resident has no email any more; it waits for the office', { requestId: id });
      return false;
    }
    try {
      await deps.mail.send(exportMail({ to, summary: row.export_summary, json: row.export_json, filename: EXPORT_FILENAME }));
    } catch (err) {
      logger.warn('An export mail could not be sent; it will be tried again', { requestId: id, error: err instanceof Error ? err.message : 'unknown' });
      return false;
    }
    await db.transaction().execute(async (trx) => {
      const at = now();
      if (await updateExportRequest(trx, id, 'in_progress', { status: 'done', closed_at: at, updated_at: at })) {
        await insertRequestEvent(trx, { id: newId(), request_id: id, at, action: 'completed', actor_kind: 'system', actor_id: EXPORT_JOB_NAME, reason: null });
      }
    });
    return true;
  }

  return {
    name: EXPORT_JOB_NAME,
    everySeconds: 60,
    async run(): Promise<JobReport> {
      const report: JobReport = { done: 0, failed: 0 };
      for (const { id } of await listExportsToPrepare(db, BATCH)) {
        try {
          const prepared = await prepare(id);
          if (prepared.outcome === 'skipped') continue;
          if (prepared.outcome === 'email' && !(await send(id))) report.failed += 1;
          else report.done += 1;
        } catch (err) {
          report.failed += 1;
          logger.error('An export could not be prepared; it stays due', { requestId: id, error: err instanceof Error ? err.message : 'unknown' });
        }
      }
      const staleBefore = new Date(clock().getTime() - EXPORT_SEND_LEASE_SECONDS * 1000).toISOString();
      for (const { id } of await listExportsToResend(db, staleBefore, BATCH)) {
        try {
          if (!(await claimResend(id))) continue;
          if (await send(id)) report.done += 1;
          else report.failed += 1;
        } catch (err) {
          report.failed += 1;
          logger.error('An export mail could not be retried', { requestId: id, error: err instanceof Error ? err.message : 'unknown' });
        }
      }
      return report;
    },
  };
}
