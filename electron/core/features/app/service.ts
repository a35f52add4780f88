import type { AppInfo } from '../../../../shared/contract';
import type { KioskConfig } from '../../api';
import type { DeviceIdentity } from '../../db/device-identity';

export type AppServiceDeps = {
  device: Pick<DeviceIdentity, 'mode' | 'buildingName'>;
  config: Pick<KioskConfig, 'idleSeconds' | 'countdownSeconds'>;
  version: string;
  /** Whether the hub has refused the device's credential since the core started. */
  deviceRevoked?: () => boolean;
};

export type AppService = { info(): AppInfo };

export function createAppService(deps: AppServiceDeps): AppService {
  return {
    info: () => ({
      mode: deps.device.mode,
      version: deps.version,
      buildingName: deps.device.buildingName,
      defaultLocale: 'vi',
      idleSeconds: deps.config.idleSeconds,
      countdownSeconds: deps.config.countdownSeconds,
      ...(deps.deviceRevoked?.() === true ? { deviceRevoked: true } : {}),
    }),
  };
}
