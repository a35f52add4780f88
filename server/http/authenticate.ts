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
import type { StaffAuthService } from '../services/staff-auth';
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
      /** The staff session the bearer token belongs to (sign-out closes it). */
      sessionId: string;
    };

/** The caller a handler of a route declared with `C` receives. */
export type AuthenticatedCallerFor<C extends Caller> = Extract<AuthenticatedCaller, { kind: C['kind'] }>;

export type Authenticate = (declared: Caller, request: FastifyRequest) => Promise<AuthenticatedCaller>;

export function createAuthenticate(deps: { devices: DeviceService; sessions: SessionService; staffAuth: StaffAuthService }): Authenticate {
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
      case 'staff': {
        const authenticated = await device(request);
        // Staff work only from manager workstations; a kiosk never carries a staff session.
        if (authenticated.mode !== 'manager') throw new KiotError('forbidden', 'Staff routes are for manager workstations');
        // The token must belong to a live session of THIS device, whose member is enabled,
        // works for this device's building (or all) and holds one of the declared roles.
        const staff = await deps.staffAuth.authenticate(singleHeader(request, 'authorization'), authenticated, declared);
        return { kind: 'staff', device: authenticated, ...staff };
      }
      default:
        return assertNever(declared, 'caller');
    }
  };
}
