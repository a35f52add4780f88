/** Data-subject requests: the resident's own (`/v1/me/requests`) and the console's queue (`/v1/staff/requests`). */
import type { HandlersOf } from '../http/register-routes';
import type { RequestService, StaffActor } from '../services/requests';

type RequestRouteKey =
  | 'me.requestOtp'
  | 'me.createRequest'
  | 'me.requests'
  | 'me.cancelRequest'
  | 'staff.requests'
  | 'staff.request'
  | 'staff.acknowledgeRequest'
  | 'staff.extendRequest'
  | 'staff.holdRequest'
  | 'staff.releaseRequest'
  | 'staff.refuseRequest'
  | 'staff.completeRequest'
  | 'staff.requestExport';

const actor = (caller: { staffId: string; buildingId: string | null }): StaffActor => ({ staffId: caller.staffId, buildingId: caller.buildingId });

export function createRequestHandlers(deps: { requests: RequestService }): HandlersOf<RequestRouteKey> {
  const { requests } = deps;
  return {
    'me.requestOtp': async (_input, caller) => requests.sendDeletionCode({ residentId: caller.resident.id, device: caller.device }),
    'me.createRequest': async ({ body }, caller) => requests.create({ residentId: caller.resident.id, device: caller.device, body }),
    'me.requests': async (_input, caller) => ({ requests: await requests.listMine(caller.resident.id) }),
    'me.cancelRequest': async ({ params }, caller) => ({ request: await requests.cancel(caller.resident.id, params.id) }),
    'staff.requests': async ({ query }, caller) => requests.list(actor(caller), query),
    'staff.request': async ({ params }, caller) => ({ request: await requests.get(actor(caller), params.id) }),
    'staff.acknowledgeRequest': async ({ params, body }, caller) => ({ request: await requests.acknowledge(actor(caller), params.id, body) }),
    'staff.extendRequest': async ({ params, body }, caller) => ({ request: await requests.extend(actor(caller), params.id, body) }),
    'staff.holdRequest': async ({ params, body }, caller) => ({ request: await requests.hold(actor(caller), params.id, body) }),
    'staff.releaseRequest': async ({ params, body }, caller) => ({ request: await requests.release(actor(caller), params.id, body) }),
    'staff.refuseRequest': async ({ params, body }, caller) => ({ request: await requests.refuse(actor(caller), params.id, body) }),
    'staff.completeRequest': async ({ params, body }, caller) => ({ request: await requests.complete(actor(caller), params.id, body) }),
    'staff.requestExport': async ({ params }, caller) => requests.downloadExport(actor(caller), params.id),
  };
}
