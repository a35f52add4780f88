/** SQL of the breach register (migration 0014): incidents, their linked residents and the notices sent. */
import type { Kysely } from 'kysely';
import type { IncidentStatus, NoticeChannel } from '../../shared/incidents';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';
import type { StaffTables } from './staff';

export type IncidentRow = {
  id: string;
  building_id: string;
  title: string;
  description: string;
  detected_at: string;
  registered_at: string;
  /** JSON array of DataCategory. */
  categories: string;
  estimated_affected: number;
  status: IncidentStatus;
  authority_notified_at: string | null;
  authority_notified_by: string | null;
  authority_reference: string | null;
  closed_at: string | null;
  closed_by: string | null;
  created_by: string;
  deadline_warned_at: string | null;
  overdue_notified_at: string | null;
  updated_at: string;
};

export type IncidentResidentRow = { incident_id: string; resident_id: string; linked_at: string; linked_by: string };

export type IncidentNoticeRow = { id: string; incident_id: string; resident_id: string; channel: NoticeChannel; sent_at: string; sent_by: string };

export type IncidentTables = { incidents: IncidentRow; incident_residents: IncidentResidentRow; incident_notices: IncidentNoticeRow };

type Db = HubDb | HubTrx;

export function incidentTables(db: Db): Kysely<Database & IncidentTables & StaffTables> {
  return db.withTables<IncidentTables & StaffTables>();
}

export async function insertIncident(db: Db, row: IncidentRow): Promise<void> {
  await incidentTables(db).insertInto('incidents').values(row).execute();
}

export async function getIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return incidentTables(db).selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export type IncidentListRow = IncidentRow & { linked: number; notified: number };

export async function listIncidents(db: Db, filter: { buildingId: string | null; status?: IncidentStatus | undefined }): Promise<IncidentListRow[]> {
  let query = incidentTables(db)
    .selectFrom('incidents as i')
    .selectAll('i')
    .select((eb) => [
      eb.selectFrom('incident_residents as ir').select((e) => e.fn.countAll<number>().as('n')).whereRef('ir.incident_id', '=', 'i.id').as('linked'),
      eb
        .selectFrom('incident_notices as n')
        .select((e) => e.fn.count<number>('n.resident_id').distinct().as('n'))
        .whereRef('n.incident_id', '=', 'i.id')
        .as('notified'),
    ]);
  if (filter.buildingId !== null) query = query.where('i.building_id', '=', filter.buildingId);
  if (filter.status !== undefined) query = query.where('i.status', '=', filter.status);
  const rows = await query.orderBy('i.detected_at', 'desc').orderBy('i.id', 'desc').execute();
  return rows.map((r) => ({ ...r, linked: Number(r.linked ?? 0), notified: Number(r.notified ?? 0) }));
}

export async function updateIncident(db: Db, id: string, change: Partial<Omit<IncidentRow, 'id' | 'building_id'>>): Promise<void> {
  await incidentTables(db).updateTable('incidents').set(change).where('id', '=', id).execute();
}

export async function listIncidentResidents(db: Db, incidentId: string): Promise<IncidentResidentRow[]> {
  return incidentTables(db).selectFrom('incident_residents').selectAll().where('incident_id', '=', incidentId).orderBy('linked_at').orderBy('resident_id').execute();
}

/** Inserts the links that do not exist yet; returns the resident ids actually linked now. */
export async function insertIncidentResidents(db: Db, rows: readonly IncidentResidentRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await incidentTables(db)
    .insertInto('incident_residents')
    .values([...rows])
    .onConflict((oc) => oc.columns(['incident_id', 'resident_id']).doNothing())
    .returning('resident_id')
    .execute();
  return inserted.map((r) => r.resident_id);
}

export async function listIncidentNotices(db: Db, incidentId: string): Promise<IncidentNoticeRow[]> {
  return incidentTables(db).selectFrom('incident_notices').selectAll().where('incident_id', '=', incidentId).orderBy('sent_at').orderBy('id').execute();
}

/** Claims the notice for this resident and channel; false when one was already recorded. */
export async function claimIncidentNotice(db: Db, row: IncidentNoticeRow): Promise<boolean> {
  const inserted = await incidentTables(db)
    .insertInto('incident_notices')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'resident_id', 'channel']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Gives a claim back when the gateway refused the message, so a later send tries again. */
export async function releaseIncidentNotice(db: Db, id: string): Promise<void> {
  await incidentTables(db).deleteFrom('incident_notices').where('id', '=', id).execute();
}

export type LinkedResidentContact = { id: string; building_id: string; full_name: string; phone_e164: string; email: string | null; unit_label: string | null };

export async function residentContacts(db: Db, ids: readonly string[]): Promise<LinkedResidentContact[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('residents as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id as id', 'r.building_id as building_id', 'r.full_name as full_name', 'r.phone_e164 as phone_e164', 'r.email as email', 'u.label as unit_label'])
    .where('r.id', 'in', [...ids])
    .execute();
}

export async function residentsByPhone(db: Db, buildingId: string, phones: readonly string[]): Promise<{ id: string; phone_e164: string }[]> {
  if (phones.length === 0) return [];
  return db.selectFrom('residents').select(['id', 'phone_e164']).where('building_id', '=', buildingId).where('phone_e164', 'in', [...phones]).execute();
}

export async function staffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await incidentTables(db).selectFrom('staff_members').select(['id', 'full_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** Open incidents without the authority's notice whose deadline is within `warnBeforeMs` of `now` (or past), not yet mailed about. */
export async function listIncidentsDueForNotice(db: Db, warnUntil: string, limit: number): Promise<IncidentRow[]> {
  return incidentTables(db)
    .selectFrom('incidents')
    .selectAll()
    .where('status', '=', 'open')
    .where('authority_notified_at', 'is', null)
    .where('overdue_notified_at', 'is', null)
    .where('detected_at', '<=', warnUntil)
    .orderBy('detected_at')
    .limit(limit)
    .execute();
}

/** Sets one mark if it is still unset: true for the one caller (of several hubs) that set it. */
export async function markIncidentNotice(db: Db, id: string, mark: 'deadline_warned_at' | 'overdue_notified_at', at: string): Promise<boolean> {
  const result = await incidentTables(db).updateTable('incidents').set({ [mark]: at }).where('id', '=', id).where(mark, 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
