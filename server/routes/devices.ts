import type { DeviceService } from '../services/devices';
import type { HandlersOf } from '../http/register-routes';

export function createDeviceHandlers(deps: { devices: DeviceService }): HandlersOf<'devices.enroll'> {
  return {
    'devices.enroll': async ({ body }) => deps.devices.enroll(body),
  };
}
