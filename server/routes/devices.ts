import type { DeviceFleetService, FleetActor } from '../services/device-fleet';
import type { DeviceService } from '../services/devices';
import type { HeartbeatService } from '../services/sync-heartbeats';
import type { HandlersOf } from '../http/register-routes';

// The building is the workstation's: a staff member of several buildings sees the one they sit in.
const fleetActor = (caller: { staffId: string; device: { id: string; buildingId: string } }): FleetActor => ({
  staffId: caller.staffId,
  buildingId: caller.device.buildingId,
  deviceId: caller.device.id,
});

export function createDeviceHandlers(deps: {
  devices: DeviceService;
  heartbeats: HeartbeatService;
  fleet: DeviceFleetService;
}): HandlersOf<'devices.enroll' | 'devices.heartbeat' | 'devices.fleet' | 'devices.issueCode' | 'devices.revoke'> {
  return {
    'devices.enroll': async ({ body }) => deps.devices.enroll(body),
    'devices.heartbeat': async ({ body }, { device }) => deps.heartbeats.record(device, body),
    'devices.fleet': async (_input, caller) => deps.fleet.list(fleetActor(caller)),
    'devices.issueCode': async ({ body }, caller) => deps.fleet.issueCode(fleetActor(caller), body.mode),
    'devices.revoke': async ({ params, body }, caller) => deps.fleet.revoke(fleetActor(caller), params.id, body.reason),
  };
}
