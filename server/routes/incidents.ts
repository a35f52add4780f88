/** The breach register (`/v1/staff/incidents`); who may call what is in the route table. */
import type { HandlersOf } from '../http/register-routes';
import type { AuthenticatedCaller } from '../http/authenticate';
import type { IncidentActor, IncidentService } from '../services/incidents';

type IncidentRouteKey =
  | 'staff.incidents'
  | 'staff.registerIncident'
  | 'staff.incident'
  | 'staff.linkIncidentResidents'
  | 'staff.incidentDrafts'
  | 'staff.notifyIncidentResidents'
  | 'staff.incidentAuthorityNotified'
  | 'staff.closeIncident';

type StaffCaller = Extract<AuthenticatedCaller, { kind: 'staff' }>;

const actor = (caller: StaffCaller): IncidentActor => ({ staffId: caller.staffId, role: caller.role, buildingId: caller.buildingId, deviceBuildingId: caller.device.buildingId });

export function createIncidentHandlers(deps: { incidents: IncidentService }): HandlersOf<IncidentRouteKey> {
  const { incidents } = deps;
  return {
    'staff.incidents': async ({ query }, caller) => incidents.list(actor(caller), query),
    'staff.registerIncident': async ({ body }, caller) => incidents.register(actor(caller), body),
    'staff.incident': async ({ params }, caller) => incidents.get(actor(caller), params.id),
    'staff.linkIncidentResidents': async ({ params, body }, caller) => incidents.linkResidents(actor(caller), params.id, body),
    'staff.incidentDrafts': async ({ params }, caller) => incidents.drafts(actor(caller), params.id),
    'staff.notifyIncidentResidents': async ({ params, body }, caller) => incidents.notifyResidents(actor(caller), params.id, body),
    'staff.incidentAuthorityNotified': async ({ params, body }, caller) => incidents.authorityNotified(actor(caller), params.id, body),
    'staff.closeIncident': async ({ params, body }, caller) => incidents.close(actor(caller), params.id, body),
  };
}
