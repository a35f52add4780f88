/** Device heartbeats: the latest report of each device, for the fleet view. */
import type { HeartbeatBody, HeartbeatResponse } from '../../shared/hub-api';
import type { HubDb } from '../db/connect';
import { putDeviceHeartbeat } from '../db/sync-heartbeats';
import type { AuthenticatedDevice } from './devices';

export type HeartbeatService = {
  record(device: AuthenticatedDevice, beat: HeartbeatBody): Promise<HeartbeatResponse>;
};

export function createHeartbeatService(deps: { db: HubDb; clock: () => Date }): HeartbeatService {
  return {
    async record(device, beat) {
      const receivedAt = deps.clock().toISOString();
      await putDeviceHeartbeat(deps.db, {
        device_id: device.id,
        last_seen_at: receivedAt,
        version: beat.version,
        uptime_seconds: beat.uptimeSeconds,
        outbox_depth: beat.outboxDepth,
        oldest_pending_seconds: beat.oldestPendingSeconds,
        last_sync_at: beat.lastSyncAt,
        last_error: beat.lastError,
      });
      return { receivedAt };
    },
  };
}
