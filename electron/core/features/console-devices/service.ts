/**
 * The console's device fleet in the core: each channel is one call to the hub's device staff
 * routes with the signed-in staff member's token. An issued code passes through to the screen
 * and is kept nowhere.
 */
import type { IssueCodeInput, RevokeInput } from '../../../../shared/contract/console-devices';
import type { FleetResponse, IssueEnrollmentCodeResponse, RevokeDeviceResponse } from '../../../../shared/hub-api';
import type { StaffHub } from '../../session/staff-session';

export type ConsoleDevicesService = {
  list(): Promise<FleetResponse>;
  issueCode(input: IssueCodeInput): Promise<IssueEnrollmentCodeResponse>;
  revoke(input: RevokeInput): Promise<RevokeDeviceResponse>;
};

export function createConsoleDevicesService(deps: { staffHub: StaffHub }): ConsoleDevicesService {
  const { staffHub } = deps;
  return {
    list: () => staffHub.call('devices.fleet', {}),
    issueCode: ({ mode }) => staffHub.call('devices.issueCode', { body: { mode } }),
    revoke: ({ deviceId, reason }) => staffHub.call('devices.revoke', { params: { id: deviceId }, body: { reason } }),
  };
}
