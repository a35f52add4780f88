import type { Selectable } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import { chunks } from './locks';
import type { BuildingRow, ResidentRow, UnitRow } from './schema';
import { profileTables } from './profile-schema';
import { insertResidentRows, refreshResidentSearchText } from './resident-search';

type Db = HubDb | HubTrx;

export async function insertBuilding(db: Db, row: BuildingRow): Promise<void> {
  await db.insertInto('buildings').values(row).execute();
}

export async function getBuilding(db: Db, id: string): Promise<Selectable<BuildingRow> | undefined> {
  return db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnits(db: Db, rows: readonly UnitRow[]): Promise<void> {
  for (const chunk of chunks(rows, 500)) await db.insertInto('units').values(chunk).execute();
}

/** With their search text and household link (db/resident-search.ts), so every resident is findable in the console. */
export async function insertResidents(db: Db, rows: readonly ResidentRow[]): Promise<void> {
  await insertResidentRows(db, rows);
}

export async function findResidentByPhone(db: Db, phoneE164: string): Promise<Pick<ResidentRow, 'id' | 'building_id'> | undefined> {
  return db.selectFrom('residents').select(['id', 'building_id']).where('phone_e164', '=', phoneE164).executeTakeFirst();
}

export type ResidentProfile = {
  id: string;
  fullName: string;
  phoneE164: string;
  unitId: string;
  unitLabel: string;
  buildingId: string;
  buildingName: string;
};

/** A `ResidentProfile`, selected from `residents as r` joined to `units as u` and `buildings as b`. */
export const residentProfileColumns = [
  'r.id as id',
  'r.full_name as fullName',
  'r.phone_e164 as phoneE164',
  'u.id as unitId',
  'u.label as unitLabel',
  'b.id as buildingId',
  'b.name as buildingName',
] as const;

export async function getResidentProfile(db: Db, residentId: string): Promise<ResidentProfile | undefined> {
  return db
    .selectFrom('residents as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .select(residentProfileColumns)
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

/** Residents of a building in creation order (ids are time-ordered UUIDv7). */
export async function listResidentsInOrder(
  db: Db,
  buildingId: string,
  limit: number,
): Promise<{ fullName: string; phoneE164: string; unitLabel: string }[]> {
  return db
    .selectFrom('residents as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.full_name as fullName', 'r.phone_e164 as phoneE164', 'u.label as unitLabel'])
    .where('r.building_id', '=', buildingId)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export type BuildingCounts = { units: number; residents: number };

export async function countBuilding(db: Db, buildingId: string): Promise<BuildingCounts> {
  const units = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('building_id', '=', buildingId)
    .executeTakeFirstOrThrow();
  const residents = await db
    .selectFrom('residents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('building_id', '=', buildingId)
    .executeTakeFirstOrThrow();
  return { units: Number(units.n), residents: Number(residents.n) };
}

/** What "My information" shows: the resident's own record, with their unit and building. */
export type ResidentDetails = {
  id: string;
  buildingId: string;
  fullName: string;
  phoneE164: string;
  email: string | null;
  contactAddress: string | null;
  unitLabel: string;
  buildingName: string;
};

export async function getResidentDetails(db: Db, residentId: string): Promise<ResidentDetails | undefined> {
  return profileTables(db)
    .selectFrom('residents as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('buildings as b', 'b.id', 'r.building_id')
    .select([
      'r.id as id',
      'r.building_id as buildingId',
      'r.full_name as fullName',
      'r.phone_e164 as phoneE164',
      'r.email as email',
      'r.contact_address as contactAddress',
      'u.label as unitLabel',
      'b.name as buildingName',
    ])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

/** Whether any resident other than `exceptId` has this number. */
export async function phoneTakenByAnother(db: Db, phoneE164: string, exceptId: string): Promise<boolean> {
  const row = await db.selectFrom('residents').select('id').where('phone_e164', '=', phoneE164).where('id', '!=', exceptId).executeTakeFirst();
  return row !== undefined;
}

export type ResidentContactUpdate = { phone_e164?: string; email?: string | null; full_name?: string; contact_address?: string | null };

export async function updateResidentContact(db: Db, residentId: string, set: ResidentContactUpdate, now: string): Promise<void> {
  await profileTables(db)
    .updateTable('residents')
    .set({ ...set, updated_at: now })
    .where('id', '=', residentId)
    .execute();
  // The console's search reads name, phone and email from the search column: keep it current.
  await refreshResidentSearchText(db, [residentId]);
}
