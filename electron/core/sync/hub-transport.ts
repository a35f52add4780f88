import type { HubClient } from '../platform/hub-client';
import type { SyncTransport } from './transport';

/** The engine's transport over the hub client: the three sync routes of the route table, with the device credential. */
export function createHubSyncTransport(hub: Pick<HubClient, 'call'>): SyncTransport {
  return {
    push: (operations) => hub.call('sync.push', { body: { operations } }),
    pull: (query) => hub.call('sync.pull', { query }),
    heartbeat: (body) => hub.call('devices.heartbeat', { body }),
  };
}
