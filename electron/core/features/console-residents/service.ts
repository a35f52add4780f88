/**
 * The console's resident directory in the core: each channel is one call to the hub's staff
 * resident routes, made with the signed-in staff member's token by the staff hub client. The
 * core keeps nothing of a resident: a profile is personal data that must not outlive a locked
 * console, and every view of it has to reach the hub to be audited.
 */
import type { EditResidentInput, MoveOutInput, OpenResidentInput, ResidentSearchInput } from '../../../../shared/contract/console-residents';
import { CONSOLE_RESIDENTS_PAGE } from '../../../../shared/contract/console-residents';
import type { HouseholdResponse, ResidentProfileDetails, ResidentSearchResponse } from '../../../../shared/hub-api';
import type { StaffRouteKey, StaffRoutesCaller } from '../../session/staff-session';

export type ConsoleResidentRoute = Extract<StaffRouteKey, 'staff.residents' | 'staff.openResident' | 'staff.editResident' | 'staff.moveOutResident' | 'staff.household'>;

/** What this feature needs of the staff hub client: its routes by key, the token added there. */
export type ResidentRouteCaller = StaffRoutesCaller<ConsoleResidentRoute>;

export type ConsoleResidentsService = {
  search(input: ResidentSearchInput): Promise<ResidentSearchResponse>;
  open(input: OpenResidentInput): Promise<ResidentProfileDetails>;
  edit(input: EditResidentInput): Promise<ResidentProfileDetails>;
  moveOut(input: MoveOutInput): Promise<ResidentProfileDetails>;
  household(unitId: string): Promise<HouseholdResponse>;
};

export function createConsoleResidentsService(deps: { staffHub: ResidentRouteCaller }): ConsoleResidentsService {
  const { staffHub } = deps;
  const params = (residentId: string): { id: string } => ({ id: residentId });
  return {
    search: ({ q, limit, offset }) =>
      staffHub.call('staff.residents', { query: { q: q.trim(), limit: limit ?? CONSOLE_RESIDENTS_PAGE, offset: offset ?? 0 } }),
    open: async ({ residentId, purpose, reason }) => (await staffHub.call('staff.openResident', { params: params(residentId), body: { purpose, reason } })).resident,
    edit: async ({ residentId, field, value, reason }) =>
      (await staffHub.call('staff.editResident', { params: params(residentId), body: { field, value, reason } })).resident,
    moveOut: async ({ residentId, date, reason }) => (await staffHub.call('staff.moveOutResident', { params: params(residentId), body: { date, reason } })).resident,
    household: (unitId) => staffHub.call('staff.household', { params: { unitId } }),
  };
}
