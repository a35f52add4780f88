/**
 * The `request-deadlines` job: finds open requests whose legal deadline passed (acknowledgement
 * within 2 working days, action within 15/20 days plus any extension), records each passed
 * deadline once (`overdue_*_notified_at` and an `overdue_*` event by the system), and after the
 * commit mails each building's managers and admins one list of what became overdue this run.
 * Each request is claimed in its own transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL), so
 * with several hub instances each deadline is reported by exactly one of them.
 */
import type { Logger } from '../../shared/logger';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import { overdueRequestsMail } from '../adapters/mail/request-mails';
import type { OverdueItem } from '../adapters/mail/request-mails';
import type { HubDb } from '../db/connect';
import { insertRequestEvent } from '../db/data-export';
import { DEADLINE_OPEN_STATUSES, getBuildingName, listDeadlineRecipients, listUnnotifiedOverdue, lockOverdueRequest, markOverdueNotified } from '../db/request-deadlines';
import type { IdGenerator } from '../ids';
import type { HubJob, JobReport } from './job';

export const DEADLINE_JOB_NAME = 'request-deadlines';
const BATCH = 200;

export type DeadlineJobDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  mail: MailAdapter;
  logger: Logger;
};

const openStatuses: readonly string[] = DEADLINE_OPEN_STATUSES;

export function createRequestDeadlineJob(deps: DeadlineJobDeps): HubJob {
  const { db, clock, newId, logger } = deps;

  /** Marks what is overdue on one request; returns what this run is the one to report. */
  async function claim(id: string, now: string): Promise<{ buildingId: string; items: OverdueItem[] } | undefined> {
    return db.transaction().execute(async (trx) => {
      const row = await lockOverdueRequest(trx, id);
      if (!row || !openStatuses.includes(row.status)) return undefined;
      const items: OverdueItem[] = [];
      if (row.acknowledged_at === null && row.overdue_acknowledge_notified_at === null && row.acknowledge_due_at < now && (await markOverdueNotified(trx, id, 'acknowledge', now))) {
        await insertRequestEvent(trx, { id: newId(), request_id: id, at: now, action: 'overdue_acknowledge', actor_kind: 'system', actor_id: DEADLINE_JOB_NAME, reason: null });
        items.push({ requestId: id, kind: row.kind, deadline: 'acknowledge', dueAt: row.acknowledge_due_at });
      }
      if (row.overdue_act_notified_at === null && row.act_due_at < now && (await markOverdueNotified(trx, id, 'act', now))) {
        await insertRequestEvent(trx, { id: newId(), request_id: id, at: now, action: 'overdue_act', actor_kind: 'system', actor_id: DEADLINE_JOB_NAME, reason: null });
        items.push({ requestId: id, kind: row.kind, deadline: 'act', dueAt: row.act_due_at });
      }
      return items.length > 0 ? { buildingId: row.building_id, items } : undefined;
    });
  }

  return {
    name: DEADLINE_JOB_NAME,
    everySeconds: 10 * 60,
    async run(): Promise<JobReport> {
      const report: JobReport = { done: 0, failed: 0 };
      const now = clock().toISOString();
      const byBuilding = new Map<string, OverdueItem[]>();
      for (const { id } of await listUnnotifiedOverdue(db, now, BATCH)) {
        try {
          const claimed = await claim(id, now);
          if (!claimed) continue;
          byBuilding.set(claimed.buildingId, [...(byBuilding.get(claimed.buildingId) ?? []), ...claimed.items]);
          report.done += claimed.items.length;
        } catch (err) {
          report.failed += 1;
          logger.error('An overdue request could not be recorded; it stays due', { requestId: id, error: err instanceof Error ? err.message : 'unknown' });
        }
      }
      // After the commits: the overdue marks and events stand even if a mail fails; the
      // console lists overdue requests first whatever the mail did.
      for (const [buildingId, items] of byBuilding) {
        const recipients = await listDeadlineRecipients(db, buildingId);
        if (recipients.length === 0) {
          logger.warn('Requests became overdue but no manager or admin of the building has an email', { buildingId, overdueCount: items.length });
          continue;
        }
        const buildingName = (await getBuildingName(db, buildingId)) ?? buildingId;
        for (const recipient of recipients) {
          try {
            await deps.mail.send(overdueRequestsMail({ to: recipient.email, buildingName, items }));
          } catch (err) {
            logger.warn('An overdue notice could not be mailed to a staff member', { buildingId, staffId: recipient.id, error: err instanceof Error ? err.message : 'unknown' });
          }
        }
      }
      return report;
    },
  };
}
