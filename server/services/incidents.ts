/**
 * The breach register: incidents with their 72-hour clock from detection, the residents they
 * affect and the notices sent to them, and the record of the authority's notice. Every step is
 * one audit event: the incident's own steps name no resident (`incident.recorded`); linking a
 * resident is a view of their data and sending them a notice uses their contact details, so
 * those are events in that resident's access log, with the incident as the reason.
 */
import type { StaffRole } from '../../shared/domain';
import type { IncidentListQuery, IncidentListResponse, AuthorityNotifiedBody, LinkResidentsBody, LinkResidentsResponse, NotifyResidentsBody, NotifyResidentsResponse, RegisterIncidentBody } from '../../shared/hub-api';
import type { DataCategory, Incident, IncidentDetail, IncidentDrafts, IncidentNotice, IncidentResident, NoticeChannel, TimelineEntry } from '../../shared/incidents';
import { DataCategory as DataCategorySchema, isOverdue, notifyDeadline } from '../../shared/incidents';
import type { Logger } from '../../shared/logger';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { maskPhoneLocal } from '../../shared/profile';
import { KiotError } from '../../shared/result';
import { incidentDrafts } from '../adapters/incident-notices';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import type { HubDb } from '../db/connect';
import {
  claimIncidentNotice,
  getIncident,
  insertIncident,
  insertIncidentResidents,
  listIncidentNotices,
  listIncidentResidents,
  listIncidents,
  releaseIncidentNotice,
  residentContacts,
  residentsByPhone,
  staffNames,
  updateIncident,
} from '../db/incidents';
import type { IncidentNoticeRow, IncidentRow } from '../db/incidents';
import { getBuilding } from '../db/residents';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';

export type IncidentActor = {
  staffId: string;
  role: StaffRole;
  /** Null for the operator's administrators (every building). */
  buildingId: string | null;
  /** The workstation's building: where an operator-wide administrator registers an incident. */
  deviceBuildingId: string;
};

export type IncidentService = {
  list(actor: IncidentActor, query: IncidentListQuery): Promise<IncidentListResponse>;
  get(actor: IncidentActor, id: string): Promise<IncidentDetail>;
  register(actor: IncidentActor, body: RegisterIncidentBody): Promise<IncidentDetail>;
  linkResidents(actor: IncidentActor, id: string, body: LinkResidentsBody): Promise<LinkResidentsResponse>;
  drafts(actor: IncidentActor, id: string): Promise<IncidentDrafts>;
  /** Sends to every linked resident not yet notified on the channel; each send recorded once. */
  notifyResidents(actor: IncidentActor, id: string, body: NotifyResidentsBody): Promise<NotifyResidentsResponse>;
  authorityNotified(actor: IncidentActor, id: string, body: AuthorityNotifiedBody): Promise<IncidentDetail>;
  close(actor: IncidentActor, id: string, body: { reason: string }): Promise<IncidentDetail>;
};

export type IncidentDeps = { db: HubDb; clock: () => Date; newId: IdGenerator; audit: AuditService; sms: SmsAdapter; mail: MailAdapter; logger: Logger };

const incidentReason = (id: string): string => `incident ${id}`;

export function createIncidentService(deps: IncidentDeps): IncidentService {
  const { db, clock, newId, audit, sms, mail, logger } = deps;

  async function scoped(actor: IncidentActor, id: string): Promise<IncidentRow> {
    const row = await getIncident(db, id);
    // One answer for "no such incident" and "another building's": nothing leaks across buildings.
    if (!row || (actor.buildingId !== null && row.building_id !== actor.buildingId)) throw new KiotError('not_found', 'No such incident');
    return row;
  }

  function writable(row: IncidentRow): void {
    if (row.status === 'closed') throw new KiotError('wrong_state', 'The incident is closed');
  }

  function categoriesOf(row: IncidentRow): DataCategory[] {
    return DataCategorySchema.array().parse(JSON.parse(row.categories));
  }

  function toIncident(row: IncidentRow, names: Map<string, string>, counts: { linked: number; notified: number }): Incident {
    return {
      id: row.id,
      buildingId: row.building_id,
      title: row.title,
      description: row.description,
      detectedAt: row.detected_at,
      registeredAt: row.registered_at,
      categories: categoriesOf(row),
      estimatedAffected: row.estimated_affected,
      status: row.status,
      deadlineAt: notifyDeadline(row.detected_at),
      overdue: isOverdue({ detectedAt: row.detected_at, authorityNotifiedAt: row.authority_notified_at, closedAt: row.closed_at }, clock()),
      authorityNotifiedAt: row.authority_notified_at,
      authorityNotifiedBy: row.authority_notified_by === null ? null : (names.get(row.authority_notified_by) ?? row.authority_notified_by),
      authorityReference: row.authority_reference,
      closedAt: row.closed_at,
      createdBy: names.get(row.created_by) ?? row.created_by,
      linkedResidents: counts.linked,
      notifiedResidents: counts.notified,
    };
  }

  async function detail(actor: IncidentActor, row: IncidentRow): Promise<IncidentDetail> {
    const links = await listIncidentResidents(db, row.id);
    const notices = await listIncidentNotices(db, row.id);
    const names = await staffNames(db, [row.created_by, ...(row.authority_notified_by ? [row.authority_notified_by] : []), ...(row.closed_by ? [row.closed_by] : []), ...links.map((l) => l.linked_by), ...notices.map((n) => n.sent_by)]);
    const staffName = (id: string): string => names.get(id) ?? id;
    // An auditor sees the register, not the residents' details (issue 9: nothing beyond the audit).
    const showPersonal = actor.role !== 'auditor';
    const contacts = new Map((showPersonal ? await residentContacts(db, links.map((l) => l.resident_id)) : []).map((c) => [c.id, c]));
    const byResident = new Map<string, IncidentNotice[]>();
    for (const n of notices) byResident.set(n.resident_id, [...(byResident.get(n.resident_id) ?? []), { channel: n.channel, sentAt: n.sent_at, sentBy: staffName(n.sent_by) }]);
    const residents: IncidentResident[] = links.map((l) => {
      const c = contacts.get(l.resident_id);
      return {
        residentId: l.resident_id,
        name: c?.full_name ?? null,
        unitLabel: c?.unit_label ?? null,
        phoneMasked: c ? maskPhoneLocal(c.phone_e164) : null,
        hasEmail: c !== undefined && c.email !== null,
        linkedAt: l.linked_at,
        notices: byResident.get(l.resident_id) ?? [],
      };
    });
    return { incident: toIncident(row, names, { linked: links.length, notified: byResident.size }), residents, timeline: timeline(row, links, notices, staffName) };
  }

  return {
    async list(actor, query) {
      const rows = await listIncidents(db, { buildingId: actor.buildingId, status: query.status });
      const names = await staffNames(db, rows.flatMap((r) => [r.created_by, ...(r.authority_notified_by ? [r.authority_notified_by] : [])]));
      const all = rows.map((r) => toIncident(r, names, { linked: r.linked, notified: r.notified }));
      // What needs action first: overdue and still open, then the rest by detection, newest first.
      const urgent = (i: Incident): number => (i.status === 'open' ? (i.overdue ? 0 : 1) : 2);
      const sorted = all.map((incident, index) => ({ incident, index })).sort((a, b) => urgent(a.incident) - urgent(b.incident) || a.index - b.index);
      return { incidents: sorted.slice(query.offset, query.offset + query.limit).map((s) => s.incident), total: all.length };
    },

    async get(actor, id) {
      return detail(actor, await scoped(actor, id));
    },

    async register(actor, body) {
      const now = clock();
      if (Date.parse(body.detectedAt) > now.getTime()) throw new KiotError('invalid_input', 'The detection time cannot be in the future');
      const buildingId = actor.buildingId ?? actor.deviceBuildingId;
      const at = now.toISOString();
      const row: IncidentRow = {
        id: newId(),
        building_id: buildingId,
        title: body.title,
        description: body.description,
        detected_at: new Date(body.detectedAt).toISOString(),
        registered_at: at,
        categories: JSON.stringify([...new Set(body.categories)].sort()),
        estimated_affected: body.estimatedAffected,
        status: 'open',
        authority_notified_at: null,
        authority_notified_by: null,
        authority_reference: null,
        closed_at: null,
        closed_by: null,
        created_by: actor.staffId,
        deadline_warned_at: null,
        overdue_notified_at: null,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        await insertIncident(trx, row);
        await audit.record(trx, { buildingId, residentId: null, actor: { kind: 'staff', staffId: actor.staffId }, action: 'incident.recorded', reason: null, detail: { incidentId: row.id, step: 'registered' } });
      });
      return detail(actor, row);
    },

    async linkResidents(actor, id, body) {
      const row = await scoped(actor, id);
      writable(row);
      const notFound: string[] = [];
      const wanted = new Set<string>();
      const byId = new Map((await residentContacts(db, body.residentIds)).map((c) => [c.id, c]));
      for (const rid of body.residentIds) {
        const c = byId.get(rid);
        if (c && c.building_id === row.building_id) wanted.add(rid);
        else notFound.push(rid);
      }
      const normalized = body.phones.map((p) => ({ given: p, e164: normalizeVietnamesePhone(p) }));
      const found = new Map((await residentsByPhone(db, row.building_id, normalized.flatMap((p) => (p.e164 ? [p.e164] : [])))).map((r) => [r.phone_e164, r.id]));
      for (const p of normalized) {
        const rid = p.e164 === null ? undefined : found.get(p.e164);
        if (rid === undefined) notFound.push(p.given);
        else wanted.add(rid);
      }
      const at = clock().toISOString();
      const linked = await db.transaction().execute(async (trx) => {
        const fresh = await insertIncidentResidents(
          trx,
          [...wanted].map((rid) => ({ incident_id: row.id, resident_id: rid, linked_at: at, linked_by: actor.staffId })),
        );
        for (const rid of fresh) {
          await audit.record(trx, { buildingId: row.building_id, residentId: rid, actor: { kind: 'staff', staffId: actor.staffId }, action: 'incident.resident_linked', reason: incidentReason(row.id), detail: { incidentId: row.id } });
        }
        if (fresh.length > 0) await updateIncident(trx, row.id, { updated_at: at });
        return fresh.length;
      });
      return { detail: await detail(actor, row), linked, alreadyLinked: wanted.size - linked, notFound };
    },

    async drafts(actor, id) {
      const row = await scoped(actor, id);
      const building = await getBuilding(db, row.building_id);
      return incidentDrafts({
        incidentId: row.id,
        buildingName: building?.name ?? row.building_id,
        title: row.title,
        description: row.description,
        detectedAt: row.detected_at,
        categories: categoriesOf(row),
        estimatedAffected: row.estimated_affected,
      });
    },

    async notifyResidents(actor, id, body) {
      const row = await scoped(actor, id);
      writable(row);
      const channel: NoticeChannel = body.channel;
      const links = await listIncidentResidents(db, row.id);
      const contacts = new Map((await residentContacts(db, links.map((l) => l.resident_id))).map((c) => [c.id, c]));
      const at = clock().toISOString();
      let noAddress = 0;
      let alreadyNotified = 0;
      const claimed: { notice: IncidentNoticeRow; to: string }[] = [];
      // Claimed first, sent after the claims commit: two sends at once (two managers, a double
      // click) cannot both message a resident, because only one claim per resident and channel
      // can exist.
      await db.transaction().execute(async (trx) => {
        for (const link of links) {
          const c = contacts.get(link.resident_id);
          const to = c === undefined ? null : channel === 'sms' ? c.phone_e164 : c.email;
          if (to === null) {
            noAddress += 1;
            continue;
          }
          const notice: IncidentNoticeRow = { id: newId(), incident_id: row.id, resident_id: link.resident_id, channel, sent_at: at, sent_by: actor.staffId };
          if (await claimIncidentNotice(trx, notice)) claimed.push({ notice, to });
          else alreadyNotified += 1;
        }
      });
      let sent = 0;
      let failed = 0;
      for (const { notice, to } of claimed) {
        try {
          if (body.channel === 'sms') await sms.send(to, body.text);
          else await mail.send({ to, subject: body.subject, text: body.text });
        } catch (err) {
          failed += 1;
          logger.warn('Incident notice not sent', { incidentId: row.id, residentId: notice.resident_id, channel, error: err instanceof Error ? err.message : 'unknown' });
          await releaseIncidentNotice(db, notice.id);
          continue;
        }
        sent += 1;
        await audit.record(db, { buildingId: row.building_id, residentId: notice.resident_id, actor: { kind: 'staff', staffId: actor.staffId }, action: 'incident.notice_sent', reason: incidentReason(row.id), detail: { incidentId: row.id, channel } });
      }
      if (sent > 0) await updateIncident(db, row.id, { updated_at: at });
      logger.info('Incident notices sent', { incidentId: row.id, channel, sent, alreadyNotified, noAddress, failed });
      return { channel, sent, alreadyNotified, noAddress, failed, detail: await detail(actor, row) };
    },

    async authorityNotified(actor, id, body) {
      const row = await scoped(actor, id);
      writable(row);
      if (row.authority_notified_at !== null) throw new KiotError('wrong_state', 'The authority notice is already recorded');
      const now = clock();
      const when = body.notifiedAt === undefined ? now : new Date(body.notifiedAt);
      if (when.getTime() > now.getTime()) throw new KiotError('invalid_input', 'The notice time cannot be in the future');
      if (when.getTime() < Date.parse(row.detected_at)) throw new KiotError('invalid_input', 'The notice time cannot be before detection');
      const change = {
        status: 'notified' as const,
        authority_notified_at: when.toISOString(),
        authority_notified_by: actor.staffId,
        authority_reference: body.reference !== undefined && body.reference.length > 0 ? body.reference : null,
        updated_at: now.toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await updateIncident(trx, row.id, change);
        await audit.record(trx, { buildingId: row.building_id, residentId: null, actor: { kind: 'staff', staffId: actor.staffId }, action: 'incident.recorded', reason: null, detail: { incidentId: row.id, step: 'authority_notified' } });
      });
      return detail(actor, { ...row, ...change });
    },

    async close(actor, id, body) {
      const row = await scoped(actor, id);
      writable(row);
      const at = clock().toISOString();
      const change = { status: 'closed' as const, closed_at: at, closed_by: actor.staffId, updated_at: at };
      await db.transaction().execute(async (trx) => {
        await updateIncident(trx, row.id, change);
        await audit.record(trx, { buildingId: row.building_id, residentId: null, actor: { kind: 'staff', staffId: actor.staffId }, action: 'incident.recorded', reason: body.reason, detail: { incidentId: row.id, step: 'closed' } });
      });
      return detail(actor, { ...row, ...change });
    },
  };
}

/** The incident's story for the report: detection, registration, links and sends (grouped by batch), the authority's notice, closing. */
function timeline(
  row: IncidentRow,
  links: readonly { linked_at: string; linked_by: string }[],
  notices: readonly { sent_at: string; sent_by: string; channel: NoticeChannel }[],
  staffName: (id: string) => string,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { at: row.detected_at, kind: 'detected', by: null, count: null, channel: null },
    { at: row.registered_at, kind: 'registered', by: staffName(row.created_by), count: null, channel: null },
  ];
  const batches = new Map<string, TimelineEntry>();
  for (const l of links) {
    const key = `l|${l.linked_at}|${l.linked_by}`;
    const e = batches.get(key) ?? { at: l.linked_at, kind: 'resident_linked' as const, by: staffName(l.linked_by), count: 0, channel: null };
    batches.set(key, { ...e, count: (e.count ?? 0) + 1 });
  }
  for (const n of notices) {
    const key = `n|${n.sent_at}|${n.sent_by}|${n.channel}`;
    const e = batches.get(key) ?? { at: n.sent_at, kind: 'notice_sent' as const, by: staffName(n.sent_by), count: 0, channel: n.channel };
    batches.set(key, { ...e, count: (e.count ?? 0) + 1 });
  }
  entries.push(...batches.values());
  if (row.authority_notified_at !== null && row.authority_notified_by !== null) {
    entries.push({ at: row.authority_notified_at, kind: 'authority_notified', by: staffName(row.authority_notified_by), count: null, channel: null });
  }
  if (row.closed_at !== null && row.closed_by !== null) entries.push({ at: row.closed_at, kind: 'closed', by: staffName(row.closed_by), count: null, channel: null });
  // Stable: entries at the same instant keep the order above (detected before registered…).
  return entries.map((e, i) => ({ e, i })).sort((a, b) => Date.parse(a.e.at) - Date.parse(b.e.at) || a.i - b.i).map((x) => x.e);
}
