/** The console's resident directory (`/v1/staff/residents`, `/v1/staff/units/{unitId}/household`); roles come from the route table. */
import type { HandlersOf } from '../http/register-routes';
import type { DirectoryActor, ResidentDirectoryService } from '../services/resident-directory';

type ResidentRouteKey = 'staff.residents' | 'staff.openResident' | 'staff.editResident' | 'staff.moveOutResident' | 'staff.household';

const actor = (caller: { staffId: string; buildingId: string | null }): DirectoryActor => ({ staffId: caller.staffId, buildingId: caller.buildingId });

export function createResidentHandlers(deps: { directory: ResidentDirectoryService }): HandlersOf<ResidentRouteKey> {
  const { directory } = deps;
  return {
    'staff.residents': async ({ query }, caller) => directory.search(actor(caller), query),
    'staff.openResident': async ({ params, body }, caller) => ({ resident: await directory.open(actor(caller), params.id, body) }),
    'staff.editResident': async ({ params, body }, caller) => ({ resident: await directory.edit(actor(caller), params.id, body) }),
    'staff.moveOutResident': async ({ params, body }, caller) => ({ resident: await directory.moveOut(actor(caller), params.id, body) }),
    'staff.household': async ({ params }, caller) => directory.household(actor(caller), params.unitId),
  };
}
