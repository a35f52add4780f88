import { z } from 'zod';
import { DeviceMode, Instant } from '../domain';

export const EnrollRequest = z.object({
  code: z.string().trim().min(6).max(64),
  name: z.string().trim().min(1).max(100),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  deviceId: z.string().min(1),
  deviceSecret: z.string().min(32),
  buildingId: z.string().min(1),
  buildingName: z.string(),
  mode: DeviceMode,
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

export const IssueEnrollmentCodeBody = z.object({ mode: DeviceMode }).strict();
export type IssueEnrollmentCodeBody = z.infer<typeof IssueEnrollmentCodeBody>;

export const IssueEnrollmentCodeResponse = z.object({
  /** Shown once: the hub keeps only its hash. */
  code: z.string().min(6),
  mode: DeviceMode,
  expiresAt: Instant,
});
export type IssueEnrollmentCodeResponse = z.infer<typeof IssueEnrollmentCodeResponse>;

/** A device of the building with its latest heartbeat (null fields: it never reported). */
export const FleetDevice = z.object({
  id: z.string(),
  name: z.string(),
  mode: DeviceMode,
  enrolledAt: Instant,
  revokedAt: Instant.nullable(),
  lastSeenAt: Instant.nullable(),
  version: z.string().nullable(),
  outboxDepth: z.number().int().min(0).nullable(),
  oldestPendingSeconds: z.number().int().min(0).nullable(),
  lastSyncAt: Instant.nullable(),
  lastError: z.string().nullable(),
  /** A kiosk in service not seen (or, never reporting, not enrolled) for `STALE_KIOSK_MINUTES`. */
  stale: z.boolean(),
});
export type FleetDevice = z.infer<typeof FleetDevice>;

export const STALE_KIOSK_MINUTES = 10;

export const FleetResponse = z.object({ devices: z.array(FleetDevice), checkedAt: Instant });
export type FleetResponse = z.infer<typeof FleetResponse>;

export const DeviceParams = z.object({ id: z.string().min(1).max(100) }).strict();
export type DeviceParams = z.infer<typeof DeviceParams>;

export const RevokeDeviceBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type RevokeDeviceBody = z.infer<typeof RevokeDeviceBody>;

export const RevokeDeviceResponse = z.object({ device: FleetDevice });
export type RevokeDeviceResponse = z.infer<typeof RevokeDeviceResponse>;
