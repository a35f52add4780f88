/**
 * `consoleDevices:*` — the manager console's device fleet: the building's kiosks and
 * workstations with their health, enrollment codes, and revocation. The core forwards these to
 * the hub's `/v1/devices` staff routes; the hub decides who may do what (codes and revocation:
 * administrators) and audits every change.
 */
import { z } from 'zod';
import { DeviceMode } from '../domain';
import { FleetResponse, IssueEnrollmentCodeResponse, RevokeDeviceResponse } from '../hub-api/devices';
import { Empty } from './common';
import type { DomainContract } from './common';

export const IssueCodeInput = z.object({ mode: DeviceMode }).strict();
export type IssueCodeInput = z.infer<typeof IssueCodeInput>;

/** The hub trims and wants at least 3 characters; the same rule here so the form says it first. */
export const RevokeInput = z.object({ deviceId: z.string().min(1).max(100), reason: z.string().trim().min(3).max(500) }).strict();
export type RevokeInput = z.infer<typeof RevokeInput>;

export const consoleDevicesContract = {
  'consoleDevices:list': { request: Empty, response: FleetResponse },
  /** Shown once: the hub keeps only the code's hash. */
  'consoleDevices:issueCode': { request: IssueCodeInput, response: IssueEnrollmentCodeResponse },
  'consoleDevices:revoke': { request: RevokeInput, response: RevokeDeviceResponse },
} as const satisfies DomainContract<'consoleDevices'>;
