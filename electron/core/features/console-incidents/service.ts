/**
 * The console's breach register in the core: each channel is one call to the hub's staff
 * incident routes with the signed-in staff member's token. Nothing is kept here: the list of
 * linked residents is personal data and must not outlive a locked console.
 */
import type {
  AuthorityNotifiedInput,
  CloseIncidentInput,
  ConsoleIncidentsQuery,
  LinkResidentsInput,
  NotifyResidentsInput,
  RegisterIncidentInput,
} from '../../../../shared/contract/console-incidents';
import type { IncidentListResponse, LinkResidentsResponse, NotifyResidentsResponse } from '../../../../shared/hub-api';
import type { IncidentDetail, IncidentDrafts } from '../../../../shared/incidents';
import type { StaffRouteKey, StaffRoutesCaller } from '../../session/staff-session';

export type ConsoleIncidentRoute = Extract<
  StaffRouteKey,
  | 'staff.incidents'
  | 'staff.incident'
  | 'staff.registerIncident'
  | 'staff.linkIncidentResidents'
  | 'staff.incidentDrafts'
  | 'staff.notifyIncidentResidents'
  | 'staff.incidentAuthorityNotified'
  | 'staff.closeIncident'
>;

/** What this feature needs of the staff hub client: its routes by key, the token added there. */
export type IncidentRouteCaller = StaffRoutesCaller<ConsoleIncidentRoute>;

export type ConsoleIncidentsService = {
  list(query: ConsoleIncidentsQuery): Promise<IncidentListResponse>;
  get(incidentId: string): Promise<IncidentDetail>;
  register(input: RegisterIncidentInput): Promise<IncidentDetail>;
  link(input: LinkResidentsInput): Promise<LinkResidentsResponse>;
  drafts(incidentId: string): Promise<IncidentDrafts>;
  notify(input: NotifyResidentsInput): Promise<NotifyResidentsResponse>;
  authorityNotified(input: AuthorityNotifiedInput): Promise<IncidentDetail>;
  close(input: CloseIncidentInput): Promise<IncidentDetail>;
};

export const CONSOLE_INCIDENTS_PAGE = 50;

export function createConsoleIncidentsService(deps: { staffHub: IncidentRouteCaller }): ConsoleIncidentsService {
  const { staffHub } = deps;
  const params = (incidentId: string): { id: string } => ({ id: incidentId });
  return {
    list: (query) =>
      staffHub.call('staff.incidents', {
        query: { ...(query.status !== undefined ? { status: query.status } : {}), limit: query.limit ?? CONSOLE_INCIDENTS_PAGE, offset: query.offset ?? 0 },
      }),
    get: (incidentId) => staffHub.call('staff.incident', { params: params(incidentId) }),
    register: (input) => staffHub.call('staff.registerIncident', { body: input }),
    link: ({ incidentId, residentIds, phones }) =>
      staffHub.call('staff.linkIncidentResidents', { params: params(incidentId), body: { residentIds: residentIds ?? [], phones: phones ?? [] } }),
    drafts: (incidentId) => staffHub.call('staff.incidentDrafts', { params: params(incidentId) }),
    notify: ({ incidentId, notice }) => staffHub.call('staff.notifyIncidentResidents', { params: params(incidentId), body: notice }),
    authorityNotified: ({ incidentId, details }) => staffHub.call('staff.incidentAuthorityNotified', { params: params(incidentId), body: details }),
    close: ({ incidentId, reason }) => staffHub.call('staff.closeIncident', { params: params(incidentId), body: { reason } }),
  };
}
