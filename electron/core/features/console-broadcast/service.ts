/** The console's emergency broadcast in the core: each channel is one call to the hub's staff routes. */
import type { EndBroadcastInput } from '../../../../shared/contract/console-broadcast';
import type { BroadcastResponse, EndBroadcastResponse, LiveBroadcastResponse, StartBroadcastBody } from '../../../../shared/hub-api/broadcasts';
import type { StaffRoutesCaller } from '../../session/staff-session';

export type ConsoleBroadcastService = {
  live(): Promise<LiveBroadcastResponse>;
  start(input: StartBroadcastBody): Promise<BroadcastResponse>;
  end(input: EndBroadcastInput): Promise<EndBroadcastResponse>;
};

export function createConsoleBroadcastService(deps: { staffHub: StaffRoutesCaller<'staff.liveBroadcast' | 'staff.startBroadcast' | 'staff.endBroadcast'> }): ConsoleBroadcastService {
  const { staffHub } = deps;
  return {
    live: () => staffHub.call('staff.liveBroadcast', {}),
    start: (input) => staffHub.call('staff.startBroadcast', { body: input }),
    end: ({ id, reason }) => staffHub.call('staff.endBroadcast', { params: { id }, body: reason === undefined ? {} : { reason } }),
  };
}
