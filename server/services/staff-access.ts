/**
 * What staff do with a resident's personal data, each access recorded in the audit chain in
 * the same transaction as the read: if the event cannot be written, the data is not handed
 * over. The manager console (issue 9) puts routes on this; until then the hub exposes it to
 * tests and the dev stack.
 */
import type { StaffRole } from '../../shared/domain';
import { KiotError } from '../../shared/result';
import type { HubDb } from '../db/connect';
import { findResidentByPhone, getResidentProfile } from '../db/residents';
import type { ResidentProfile } from '../db/residents';
import { getStaffMember, insertStaffMember, listStaffMembers } from '../db/staff';
import type { IdGenerator } from '../ids';
import type { AuditService } from './audit';

export type StaffMember = { id: string; buildingId: string | null; fullName: string; role: StaffRole };

export type StaffAccessService = {
  /** Reads a resident's profile for a staff member, who must give a reason; records `profile.viewed`. */
  viewResidentProfile(staffId: string, residentId: string, reason: string): Promise<ResidentProfile>;
  /** Adds a staff member (the console's staff administration comes with issue 9). */
  addStaffMember(input: { buildingId: string | null; fullName: string; role: StaffRole }): Promise<StaffMember>;
  /** The building's staff and the operator-wide staff. */
  listStaff(buildingId: string): Promise<StaffMember[]>;
  /** The id of the building's resident with this number (what a resident gives at the desk); nothing else. */
  findResidentId(buildingId: string, phoneE164: string): Promise<string | null>;
};

export function createStaffAccessService(deps: { db: HubDb; audit: AuditService; clock: () => Date; newId: IdGenerator }): StaffAccessService {
  const { db } = deps;
  return {
    async viewResidentProfile(staffId, residentId, reason) {
      const why = reason.trim();
      if (why.length === 0) throw new KiotError('invalid_input', 'A reason is required to view a resident profile');
      return db.transaction().execute(async (trx) => {
        const staff = await getStaffMember(trx, staffId);
        const profile = await getResidentProfile(trx, residentId);
        // One answer for "no such resident" and "not in your building": staff of one building
        // learn nothing about residents of another.
        if (!staff || !profile || (staff.building_id !== null && staff.building_id !== profile.buildingId)) {
          throw new KiotError('not_found', 'No such resident');
        }
        await deps.audit.record(trx, {
          buildingId: profile.buildingId,
          residentId: profile.id,
          actor: { kind: 'staff', staffId: staff.id },
          action: 'profile.viewed',
          reason: why,
        });
        return profile;
      });
    },

    async addStaffMember(input) {
      const fullName = input.fullName.trim();
      if (fullName.length === 0 || fullName.length > 200) throw new KiotError('invalid_input', 'A staff name must be 1 to 200 characters');
      const row = { id: deps.newId(), building_id: input.buildingId, full_name: fullName, role: input.role, created_at: deps.clock().toISOString() };
      await insertStaffMember(db, row);
      return { id: row.id, buildingId: row.building_id, fullName: row.full_name, role: row.role };
    },

    async listStaff(buildingId) {
      const rows = await listStaffMembers(db, buildingId);
      return rows.map((r) => ({ id: r.id, buildingId: r.building_id, fullName: r.full_name, role: r.role }));
    },

    async findResidentId(buildingId, phoneE164) {
      const row = await findResidentByPhone(db, phoneE164);
      return row && row.building_id === buildingId ? row.id : null;
    },
  };
}
