import { KiotError } from '../../../shared/result';
import type { KioskConfig, Keystore } from '../api';
import { getDeviceIdentity, saveDeviceIdentity } from '../db/device-identity';
import type { DeviceIdentity } from '../db/device-identity';
import type { KioskDatabase } from '../db/open';
import type { HubClient } from '../platform/hub-client';
import { EnrollmentError, KeystoreBackendChangedError } from './errors';

export type DeviceIdentityDeps = {
  db: KioskDatabase;
  hub: Pick<HubClient, 'enroll'>;
  config: Pick<KioskConfig, 'enrollCode' | 'deviceName' | 'hubUrl'>;
  keystore: Pick<Keystore, 'backend'>;
  now: () => number;
};

async function enroll(deps: DeviceIdentityDeps): Promise<DeviceIdentity> {
  const { config, hub } = deps;
  if (config.enrollCode === null) {
    throw new EnrollmentError(
      'no_code',
      'This device is not enrolled. IT must enroll it with a one-time code issued in the manager console: ' +
        'set KIOT_ENROLL_CODE=<code> and start Kiot again.',
    );
  }
  let enrolled;
  try {
    enrolled = await hub.enroll({ code: config.enrollCode, name: config.deviceName });
  } catch (err) {
    if (err instanceof KiotError && err.code === 'hub_unavailable') {
      throw new EnrollmentError('hub_unavailable', `Cannot reach the hub at ${config.hubUrl} to enroll this device; check KIOT_HUB_URL and the network.`, { cause: err });
    }
    throw new EnrollmentError(
      'rejected',
      `The hub refused enrollment code KIOT_ENROLL_CODE (${err instanceof Error ? err.message : String(err)}). ` +
        'Codes are single use and expire: ask the manager console for a new one.',
      { cause: err },
    );
  }
  const identity: DeviceIdentity = {
    deviceId: enrolled.deviceId,
    deviceSecret: enrolled.deviceSecret,
    buildingId: enrolled.buildingId,
    buildingName: enrolled.buildingName,
    mode: enrolled.mode,
    enrolledAt: new Date(deps.now()).toISOString(),
    keystoreBackend: deps.keystore.backend,
  };
  saveDeviceIdentity(deps.db, identity);
  return identity;
}

/**
 * The device's identity: the one stored at enrollment, or a new one from the hub on first
 * start. A keystore backend other than the recorded one stops the device
 * (`KeystoreBackendChangedError`); it is never just a warning.
 */
export async function loadDeviceIdentity(deps: DeviceIdentityDeps): Promise<DeviceIdentity> {
  const stored = getDeviceIdentity(deps.db);
  if (stored === null) return enroll(deps);
  if (stored.keystoreBackend !== deps.keystore.backend) {
    throw new KeystoreBackendChangedError(stored.keystoreBackend, deps.keystore.backend);
  }
  return stored;
}
