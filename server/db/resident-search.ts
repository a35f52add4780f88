/**
 * The console's resident directory (migration 0013): the search column every write of a
 * resident keeps current, the search itself, households and move-out. Row types are added
 * to a connection with `directoryTables(db)`, so the shared schema file needs no edit.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { HouseholdRole } from '../../shared/hub-api/residents';
import { residentSearchText } from '../../shared/search-text';
import type { HubDb, HubTrx } from './connect';
import { chunks } from './locks';
import type { ProfileTables } from './profile-schema';
import type { Database, ResidentRow } from './schema';

export type ResidentUnitRow = {
  resident_id: string;
  unit_id: string;
  role: HouseholdRole;
  since: string;
  until: string | null;
};

export type DirectoryTables = {
  residents: ProfileTables['residents'] & { search_text: string; moved_out_at: string | null };
  resident_units: ResidentUnitRow;
};

type Db = HubDb | HubTrx;
export type DirectoryDb = Kysely<Database & DirectoryTables>;

export function directoryTables(db: Db): DirectoryDb {
  return db.withTables<DirectoryTables>();
}

/**
 * Inserts residents with their search text and their primary unit as a household link: the
 * one insert path for residents (seed, tests, bench), so none is left unsearchable.
 */
export async function insertResidentRows(db: Db, rows: readonly ResidentRow[]): Promise<void> {
  const t = directoryTables(db);
  for (const chunk of chunks(rows, 400)) {
    const unitIds = [...new Set(chunk.map((r) => r.unit_id))];
    const labels = new Map((await t.selectFrom('units').select(['id', 'label']).where('id', 'in', unitIds).execute()).map((u) => [u.id, u.label]));
    await t
      .insertInto('residents')
      .values(
        chunk.map((r) => ({
          ...r,
          search_text: residentSearchText({ fullName: r.full_name, email: r.email, phoneE164: r.phone_e164, unitLabels: [labels.get(r.unit_id) ?? ''] }),
        })),
      )
      .execute();
    await t
      .insertInto('resident_units')
      .values(chunk.map((r) => ({ resident_id: r.id, unit_id: r.unit_id, role: 'occupant' as const, since: r.created_at, until: null })))
      .execute();
  }
}

/** Recomputes the search text of these residents from their current name, contacts and units. */
export async function refreshResidentSearchText(db: Db, residentIds: readonly string[]): Promise<void> {
  const t = directoryTables(db);
  for (const ids of chunks([...new Set(residentIds)], 400)) {
    const residents = await t.selectFrom('residents').select(['id', 'full_name', 'email', 'phone_e164', 'unit_id']).where('id', 'in', ids).execute();
    const links = await t
      .selectFrom('resident_units as ru')
      .innerJoin('units as u', 'u.id', 'ru.unit_id')
      .select(['ru.resident_id', 'u.label'])
      .where('ru.resident_id', 'in', ids)
      .where('ru.until', 'is', null)
      .execute();
    const primary = await t
      .selectFrom('residents as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'u.label'])
      .where('r.id', 'in', ids)
      .execute();
    for (const r of residents) {
      const labels = new Set([...primary.filter((p) => p.id === r.id), ...links.filter((l) => l.resident_id === r.id)].map((x) => x.label));
      const text = residentSearchText({ fullName: r.full_name, email: r.email, phoneE164: r.phone_e164, unitLabels: [...labels] });
      await t.updateTable('residents').set({ search_text: text }).where('id', '=', r.id).execute();
    }
  }
}

/** `%` and `_` typed by staff are literal characters, not wildcards. */
function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type ResidentSearchRow = {
  id: string;
  buildingId: string;
  fullName: string;
  phoneE164: string;
  email: string | null;
  movedOutAt: string | null;
};

/**
 * Residents whose search text contains every term, within a building (null: every building,
 * for operator-wide staff), by name. Terms must already be normalized (shared/search-text.ts).
 */
export async function searchResidents(
  db: Db,
  input: { buildingId: string | null; terms: readonly string[]; limit: number; offset: number },
): Promise<{ rows: ResidentSearchRow[]; total: number }> {
  const t = directoryTables(db);
  let query = t.selectFrom('residents as r');
  if (input.buildingId !== null) query = query.where('r.building_id', '=', input.buildingId);
  for (const term of input.terms) query = query.where(sql<boolean>`r.search_text like ${likeContains(term)} escape '\\'`);
  const total = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['r.id as id', 'r.building_id as buildingId', 'r.full_name as fullName', 'r.phone_e164 as phoneE164', 'r.email as email', 'r.moved_out_at as movedOutAt'])
    .orderBy('r.search_text')
    .orderBy('r.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

export type ResidentUnitLink = { residentId: string; unitId: string; unitLabel: string; role: HouseholdRole; since: string; until: string | null; primary: boolean };

/** The current units of these residents (open links, and the primary unit). */
export async function listUnitLinks(db: Db, residentIds: readonly string[]): Promise<ResidentUnitLink[]> {
  if (residentIds.length === 0) return [];
  const t = directoryTables(db);
  const rows = await t
    .selectFrom('resident_units as ru')
    .innerJoin('units as u', 'u.id', 'ru.unit_id')
    .innerJoin('residents as r', 'r.id', 'ru.resident_id')
    .select(['ru.resident_id as residentId', 'ru.unit_id as unitId', 'u.label as unitLabel', 'ru.role as role', 'ru.since as since', 'ru.until as until', 'r.unit_id as primaryUnitId'])
    .where('ru.resident_id', 'in', [...residentIds])
    .where('ru.until', 'is', null)
    .orderBy('u.label')
    .execute();
  return rows.map(({ primaryUnitId, ...row }) => ({ ...row, primary: row.unitId === primaryUnitId }));
}

export type DirectoryDetails = {
  id: string;
  buildingId: string;
  buildingName: string;
  fullName: string;
  phoneE164: string;
  email: string | null;
  contactAddress: string | null;
  unitId: string;
  movedOutAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export async function getDirectoryDetails(db: Db, residentId: string): Promise<DirectoryDetails | undefined> {
  return directoryTables(db)
    .selectFrom('residents as r')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .select([
      'r.id as id',
      'r.building_id as buildingId',
      'b.name as buildingName',
      'r.full_name as fullName',
      'r.phone_e164 as phoneE164',
      'r.email as email',
      'r.contact_address as contactAddress',
      'r.unit_id as unitId',
      'r.moved_out_at as movedOutAt',
      'r.created_at as createdAt',
      'r.updated_at as updatedAt',
    ])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

export type UnitInfo = { id: string; buildingId: string; label: string };

export async function getUnit(db: Db, unitId: string): Promise<UnitInfo | undefined> {
  return db.selectFrom('units').select(['id', 'building_id as buildingId', 'label']).where('id', '=', unitId).executeTakeFirst();
}

export type HouseholdMemberRow = { residentId: string; fullName: string; phoneE164: string; email: string | null; role: HouseholdRole; since: string; movedOutAt: string | null };

/** Who lives in a unit now (open links), by name. */
export async function listHousehold(db: Db, unitId: string): Promise<HouseholdMemberRow[]> {
  return directoryTables(db)
    .selectFrom('resident_units as ru')
    .innerJoin('residents as r', 'r.id', 'ru.resident_id')
    .select(['r.id as residentId', 'r.full_name as fullName', 'r.phone_e164 as phoneE164', 'r.email as email', 'ru.role as role', 'ru.since as since', 'r.moved_out_at as movedOutAt'])
    .where('ru.unit_id', '=', unitId)
    .where('ru.until', 'is', null)
    .orderBy('r.search_text')
    .orderBy('r.id')
    .execute();
}

/** Marks the resident moved out at `at` and closes their open household links then. */
export async function markMovedOut(db: Db, residentId: string, at: string, nowIso: string): Promise<void> {
  const t = directoryTables(db);
  await t.updateTable('residents').set({ moved_out_at: at, updated_at: nowIso }).where('id', '=', residentId).execute();
  // A link that began after the move-out date (a data-entry slip) closes when it began.
  await t
    .updateTable('resident_units')
    .set((eb) => ({ until: eb.case().when('since', '>', at).then(eb.ref('since')).else(at).end() }))
    .where('resident_id', '=', residentId)
    .where('until', 'is', null)
    .execute();
}
