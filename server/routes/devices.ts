import type { DeviceService } from '../services/devices';
import type { HeartbeatService } from '../services/sync-heartbeats';
import type { HandlersOf } from '../http/register-routes';

export function createDeviceHandlers(deps: { devices: DeviceService; heartbeats: HeartbeatService }): HandlersOf<'devices.enroll' | 'devices.heartbeat'> {
  return {
    'devices.enroll': async ({ body }) => deps.devices.enroll(body),
    'devices.heartbeat': async ({ body }, { device }) => deps.heartbeats.record(device, body),
  };
}
