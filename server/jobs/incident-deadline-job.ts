/**
 * The `incident-deadlines` job: for every open incident whose authority notice is not recorded,
 * mails the building's managers and administrators once when 12 hours of the 72 are left, and
 * once when the deadline passes. Each mark is set by a conditional update before the mail, so
 * with several hub instances one of them sends it; a mail that fails is logged, not retried
 * (the console shows the clock and the overdue flag whatever the mail did).
 */
import { notifyDeadline } from '../../shared/incidents';
import type { Logger } from '../../shared/logger';
import { incidentDeadlineMail } from '../adapters/incident-notices';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import type { HubDb } from '../db/connect';
import { listIncidentsDueForNotice, markIncidentNotice } from '../db/incidents';
import { getBuildingName, listDeadlineRecipients } from '../db/request-deadlines';
import type { HubJob, JobReport } from './job';

export const INCIDENT_DEADLINE_JOB_NAME = 'incident-deadlines';
/** When the reminder goes: this long before the 72 hours are up. */
export const INCIDENT_WARN_BEFORE_HOURS = 12;
const HOUR_MS = 3600_000;
const BATCH = 200;

export type IncidentDeadlineJobDeps = { db: HubDb; clock: () => Date; mail: MailAdapter; logger: Logger };

export function createIncidentDeadlineJob(deps: IncidentDeadlineJobDeps): HubJob {
  const { db, clock, mail, logger } = deps;
  return {
    name: INCIDENT_DEADLINE_JOB_NAME,
    everySeconds: 10 * 60,
    async run(): Promise<JobReport> {
      const report: JobReport = { done: 0, failed: 0 };
      const now = clock();
      // Detected at or before this instant: the deadline is at most 12 hours away.
      const warnUntil = new Date(now.getTime() - (72 - INCIDENT_WARN_BEFORE_HOURS) * HOUR_MS).toISOString();
      for (const row of await listIncidentsDueForNotice(db, warnUntil, BATCH)) {
        const deadlineAt = notifyDeadline(row.detected_at);
        const stage = Date.parse(deadlineAt) < now.getTime() ? 'overdue' : 'warning';
        if (stage === 'warning' && row.deadline_warned_at !== null) continue;
        try {
          const mark = stage === 'overdue' ? 'overdue_notified_at' : 'deadline_warned_at';
          if (!(await markIncidentNotice(db, row.id, mark, now.toISOString()))) continue;
          const recipients = await listDeadlineRecipients(db, row.building_id);
          if (recipients.length === 0) logger.warn('An incident deadline is near or past but no manager or admin of the building has an email', { incidentId: row.id, stage });
          const buildingName = (await getBuildingName(db, row.building_id)) ?? row.building_id;
          for (const recipient of recipients) {
            try {
              await mail.send(incidentDeadlineMail({ to: recipient.email, buildingName, incidentId: row.id, title: row.title, deadlineAt, stage }));
            } catch (err) {
              logger.warn('An incident deadline notice could not be mailed to a staff member', { incidentId: row.id, staffId: recipient.id, error: err instanceof Error ? err.message : 'unknown' });
            }
          }
          report.done += 1;
        } catch (err) {
          report.failed += 1;
          logger.error('An incident deadline could not be recorded; it stays due', { incidentId: row.id, error: err instanceof Error ? err.message : 'unknown' });
        }
      }
      return report;
    },
  };
}
