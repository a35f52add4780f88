import type { Actor, CallerContext } from '../../../shared/contract';
import type { DeviceIdentity } from '../db/device-identity';
import type { Session } from './resident-session';

export type CallerContextDeps = {
  device: Pick<DeviceIdentity, 'deviceId' | 'buildingId' | 'mode'>;
  session: Pick<Session, 'state' | 'signedInAs' | 'locale'>;
  newRequestId: () => string;
};

/**
 * Returns the function the dispatcher calls once per call. The context is a snapshot taken
 * when the call starts: a handler that signs a resident in still ran as anonymous.
 */
export function createCallerContext(deps: CallerContextDeps): () => CallerContext {
  const device = { deviceId: deps.device.deviceId, buildingId: deps.device.buildingId, mode: deps.device.mode };
  const actor = (): Actor => {
    const who = deps.session.signedInAs;
    if (deps.session.state !== 'signedIn' || who === null) return { kind: 'anonymous' };
    return { kind: 'resident', residentId: who.residentId, unitId: who.unitId };
  };
  return () => ({ requestId: deps.newRequestId(), device: { ...device }, actor: actor(), locale: deps.session.locale });
}
