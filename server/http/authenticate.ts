/**
 * Turns a route's caller declaration into an authenticated caller, or a typed 401/403.
 * The one place that reads credentials; handlers only ever see the result.
 */
import type { FastifyRequest } from 'fastify';
import { assertNever } from '../../shared/assert-never';
import type { StaffRole } from '../../shared/domain';
import { DEVICE_HEADER } from '../../shared/hub-api';
import type { Caller } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { ResidentProfile } from '../db/residents';
import type { AuthenticatedDevice, DeviceService } from '../services/devices';
import type { SessionService } from '../services/sessions';
import { singleHeader } from './plumbing';

export type AuthenticatedCaller =
  | { kind: 'public' }
  | { kind: 'device'; device: AuthenticatedDevice }
  | { kind: 'resident'; device: AuthenticatedDevice; resident: ResidentProfile; sessionId: string }
  | {
      kind: 'staff';
      device: AuthenticatedDevice;
      staffId: string;
      role: StaffRole;
      /** The building the staff member works for; null for the operator's own administrators (every building). */
      buildingId: string | null;
    };

/** The caller a handler of a route declared with `C` receives. */
export type AuthenticatedCallerFor<C extends Caller> = Extract<AuthenticatedCaller, { kind: C['kind'] }>;

export type Authenticate = (declared: Caller, request: FastifyRequest) => Promise<AuthenticatedCaller>;

export function createAuthenticate(deps: { devices: DeviceService; sessions: SessionService }): Authenticate {
  const device = async (request: FastifyRequest): Promise<AuthenticatedDevice> => deps.devices.authenticate(singleHeader(request, DEVICE_HEADER));

  return async (declared, request) => {
    switch (declared.kind) {
      case 'public':
        return { kind: 'public' };
      case 'device': {
        const authenticated = await device(request);
        if (declared.modes !== undefined && !declared.modes.includes(authenticated.mode)) {
          throw new KiotError('forbidden', `Only ${declared.modes.join(' or ')} devices may call this route`);
        }
        return { kind: 'device', device: authenticated };
      }
      case 'resident': {
        const authenticated = await device(request);
        const { resident, sessionId } = await deps.sessions.authenticate(singleHeader(request, 'authorization'), authenticated);
        return { kind: 'resident', device: authenticated, resident, sessionId };
      }
      case 'staff':
        // No staff sign-in exists yet, so no request can prove it is staff.
        await device(request);
        throw new KiotError('unauthorized', 'Staff sign-in is not available yet');
      default:
        return assertNever(declared, 'caller');
    }
  };
}
