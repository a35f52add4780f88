/** Emergency broadcasts (`/v1/staff/broadcasts`); who may call what is in the route table. */
import type { AuthenticatedCaller } from '../http/authenticate';
import type { HandlersOf } from '../http/register-routes';
import type { BroadcastActor, BroadcastService } from '../services/broadcasts';

type StaffCaller = Extract<AuthenticatedCaller, { kind: 'staff' }>;

// The workstation's building: a staff member of several buildings broadcasts to the one they sit in.
const actor = (caller: StaffCaller): BroadcastActor => ({ staffId: caller.staffId, buildingId: caller.device.buildingId });

export function createBroadcastHandlers(deps: { broadcasts: BroadcastService }): HandlersOf<'staff.liveBroadcast' | 'staff.startBroadcast' | 'staff.endBroadcast'> {
  const { broadcasts } = deps;
  return {
    'staff.liveBroadcast': async (_input, caller) => ({ live: await broadcasts.live(actor(caller)) }),
    'staff.startBroadcast': async ({ body }, caller) => ({ broadcast: await broadcasts.start(actor(caller), body) }),
    'staff.endBroadcast': async ({ params, body }, caller) => broadcasts.end(actor(caller), params.id, body.reason ?? null),
  };
}
