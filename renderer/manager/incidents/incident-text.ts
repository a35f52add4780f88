/** Words for the register's values, written out so the compiler and the key audit see every key. */
import { assertNever } from '../../../shared/assert-never';
import type { DataCategory, Incident, IncidentStatus, TimelineEntry } from '../../../shared/incidents';
import { readClock } from '../../../shared/incidents';
import type { MessageKey, T } from '../../i18n/i18n';

export const statusKey: Readonly<Record<IncidentStatus, MessageKey>> = {
  open: 'consoleIncidents:status.open',
  notified: 'consoleIncidents:status.notified',
  closed: 'consoleIncidents:status.closed',
};

export const categoryKey: Readonly<Record<DataCategory, MessageKey>> = {
  identity: 'consoleIncidents:category.identity',
  contact: 'consoleIncidents:category.contact',
  unit_household: 'consoleIncidents:category.unit_household',
  bills_payments: 'consoleIncidents:category.bills_payments',
  credentials: 'consoleIncidents:category.credentials',
  consents: 'consoleIncidents:category.consents',
  access_logs: 'consoleIncidents:category.access_logs',
  other: 'consoleIncidents:category.other',
};

/**
 * The 72-hour clock in words: time left or overdue while the authority is not yet told, then
 * whether it was told in time. "còn 41 giờ 12 phút" / "41 h 12 min left"; "quá hạn 3 giờ 0 phút".
 */
export function clockText(t: T, incident: Pick<Incident, 'deadlineAt' | 'authorityNotifiedAt'> & { closedAt?: string | null }, nowMs: number): string {
  // Closed without a notice (not a breach after all): no clock to run.
  if (incident.authorityNotifiedAt === null && incident.closedAt != null) return t('consoleIncidents:status.closed');
  if (incident.authorityNotifiedAt !== null) {
    return Date.parse(incident.authorityNotifiedAt) <= Date.parse(incident.deadlineAt) ? t('consoleIncidents:clock.notifiedInTime') : t('consoleIncidents:clock.notifiedLate');
  }
  const reading = readClock(incident.deadlineAt, new Date(nowMs));
  return reading.state === 'left'
    ? t('consoleIncidents:clock.left', { hours: reading.hours, minutes: reading.minutes })
    : t('consoleIncidents:clock.overdue', { hours: reading.hours, minutes: reading.minutes });
}

/** Overdue as the console shows it: the hub's flag, or the live clock passing the deadline while the page is open. */
export function overdueNow(incident: Pick<Incident, 'overdue' | 'deadlineAt' | 'authorityNotifiedAt' | 'closedAt'>, nowMs: number): boolean {
  return incident.overdue || (incident.authorityNotifiedAt === null && incident.closedAt === null && nowMs > Date.parse(incident.deadlineAt));
}

export function timelineText(t: T, entry: TimelineEntry): string {
  const by = entry.by ?? '';
  const count = entry.count ?? 0;
  switch (entry.kind) {
    case 'detected':
      return t('consoleIncidents:timeline.detected');
    case 'registered':
      return t('consoleIncidents:timeline.registered', { by });
    case 'resident_linked':
      return t('consoleIncidents:timeline.resident_linked', { by, count });
    case 'notice_sent':
      return t('consoleIncidents:timeline.notice_sent', { by, count, channel: entry.channel === 'email' ? t('consoleIncidents:notice.email') : t('consoleIncidents:notice.sms') });
    case 'authority_notified':
      return t('consoleIncidents:timeline.authority_notified', { by });
    case 'closed':
      return t('consoleIncidents:timeline.closed', { by });
    default:
      return assertNever(entry.kind, 'timeline kind');
  }
}
