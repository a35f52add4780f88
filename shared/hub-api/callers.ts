/**
 * Who may call a hub route, and how each kind of caller proves it over HTTP:
 * - `x-kiot-device: <deviceId>.<deviceSecret>` on every call from an enrolled device;
 * - `authorization: Bearer <token>` for a resident session, valid only together with the
 *   device credential of the device that completed the OTP;
 * - staff (manager workstations) present `authorization: Bearer <staff token>` with the device
 *   credential of the workstation that signed in (`POST /v1/staff/sign-in` then `/verify`); the
 *   token is refused on any other device, after 12 hours, and while the session is idle-locked.
 */
import type { DeviceMode, StaffRole } from '../domain';

export const DEVICE_HEADER = 'x-kiot-device';

/** Non-empty on purpose: a route open to "no role" or "no mode" is a declaration mistake. */
type NonEmpty<T> = readonly [T, ...T[]];

export type Caller =
  /** Anyone who can reach the hub; the route's own input is the credential, if any. */
  | { readonly kind: 'public' }
  /** An enrolled device; `modes` narrows it to devices enrolled in those modes. */
  | { readonly kind: 'device'; readonly modes?: NonEmpty<DeviceMode> }
  /** A signed-in resident, on the device that did their OTP. */
  | { readonly kind: 'resident' }
  /**
   * A signed-in staff member holding one of `roles`. `session: 'any'` also lets through a
   * session that is idle-locked or whose one-time password is not yet changed: only for the
   * routes that end those states (unlock, change password, who am I, sign out).
   */
  | { readonly kind: 'staff'; readonly roles: NonEmpty<StaffRole>; readonly session?: 'any' };

export type CallerKind = Caller['kind'];

export const callerKinds = ['public', 'device', 'resident', 'staff'] as const satisfies readonly CallerKind[];
