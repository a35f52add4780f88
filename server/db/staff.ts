/**
 * Staff members (migration 0006): only who they are and their role, which the audit trail
 * copies into each event. The manager-console issue adds sign-in.
 */
import type { StaffRole } from '../../shared/domain';
import type { Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type StaffMemberRow = {
  id: string;
  /** Null for operator-wide staff (the operator's own administrators). */
  building_id: string | null;
  full_name: string;
  role: StaffRole;
  created_at: string;
};

export type StaffTables = { staff_members: StaffMemberRow };

type Db = HubDb | HubTrx;

function staffTables(db: Db): Kysely<Database & StaffTables> {
  return db.withTables<StaffTables>();
}

export async function insertStaffMember(db: Db, row: StaffMemberRow): Promise<void> {
  await staffTables(db).insertInto('staff_members').values(row).execute();
}

export async function getStaffMember(db: Db, id: string): Promise<StaffMemberRow | undefined> {
  return staffTables(db).selectFrom('staff_members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listStaffMembers(db: Db, buildingId: string): Promise<StaffMemberRow[]> {
  return staffTables(db)
    .selectFrom('staff_members')
    .selectAll()
    .where((eb) => eb.or([eb('building_id', '=', buildingId), eb('building_id', 'is', null)]))
    .orderBy('id')
    .execute();
}
