import type { DeviceMode, Locale, StaffRole } from '../domain';

/** Who is on the other end of a call. Staff sign-in (manager mode) arrives with the console. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'resident'; residentId: string; unitId: string }
  | { kind: 'staff'; staffId: string; role: StaffRole };

/**
 * Built by the main process for every call, never sent by the renderer: handlers use it
 * to authorize and, later, to write the audit trail.
 */
export type CallerContext = {
  /** A fresh UUIDv7 per call, for correlating log lines. */
  requestId: string;
  device: { deviceId: string; buildingId: string; mode: DeviceMode };
  actor: Actor;
  /** The language the resident chose for this session (`session:setLocale`); `vi` by default. */
  locale: Locale;
};
