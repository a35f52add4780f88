import type { DomainHandlers } from '../../api';
import type { ConsoleDevicesService } from './service';

export function createConsoleDevicesHandlers(devices: ConsoleDevicesService): DomainHandlers<'consoleDevices'> {
  return {
    'consoleDevices:list': async () => devices.list(),
    'consoleDevices:issueCode': async (request) => devices.issueCode(request),
    'consoleDevices:revoke': async (request) => devices.revoke(request),
  };
}
