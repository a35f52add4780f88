/**
 * The console's device fleet: the building's devices with their latest heartbeat, enrollment
 * codes issued by an administrator, and revocation. Each change is an audit event (no resident
 * is concerned, so it never shows in a resident's access log). Always the building of the
 * workstation the staff member signed in on.
 */
import type { DeviceMode } from '../../shared/domain';
import type { FleetDevice, FleetResponse, IssueEnrollmentCodeResponse, RevokeDeviceResponse } from '../../shared/hub-api';
import { STALE_KIOSK_MINUTES } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import type { HubDb } from '../db/connect';
import { getFleetDevice, listFleet, revokeDevice } from '../db/devices';
import type { FleetRow } from '../db/devices';
import type { AuditService } from './audit';
import type { DeviceService } from './devices';
import { ENROLLMENT_CODE_TTL_MS } from './devices';

/** The staff member at their workstation: `deviceId` is the workstation itself. */
export type FleetActor = { staffId: string; buildingId: string; deviceId: string };

export type DeviceFleetService = {
  list(actor: FleetActor): Promise<FleetResponse>;
  issueCode(actor: FleetActor, mode: DeviceMode): Promise<IssueEnrollmentCodeResponse>;
  revoke(actor: FleetActor, deviceId: string, reason: string): Promise<RevokeDeviceResponse>;
};

const STALE_MS = STALE_KIOSK_MINUTES * 60 * 1000;

export function createDeviceFleetService(deps: { db: HubDb; clock: () => Date; audit: AuditService; devices: DeviceService; logger: Logger }): DeviceFleetService {
  const { db, clock, audit, devices, logger } = deps;

  function toFleetDevice(row: FleetRow, now: Date): FleetDevice {
    // A kiosk that never reported counts from its enrollment: a lobby screen that never came up is as worrying.
    const seen = Date.parse(row.last_seen_at ?? row.created_at);
    return {
      id: row.id,
      name: row.name,
      mode: row.mode,
      enrolledAt: row.created_at,
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
      version: row.version,
      outboxDepth: row.outbox_depth,
      oldestPendingSeconds: row.oldest_pending_seconds,
      lastSyncAt: row.last_sync_at,
      lastError: row.last_error,
      stale: row.mode === 'kiosk' && row.revoked_at === null && now.getTime() - seen >= STALE_MS,
    };
  }

  return {
    async list(actor) {
      const now = clock();
      const rows = await listFleet(db, actor.buildingId);
      const fleet = rows.map((row) => toFleetDevice(row, now));
      // Devices in service first; the order within each group stays by name.
      fleet.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
      return { devices: fleet, checkedAt: now.toISOString() };
    },

    async issueCode(actor, mode) {
      const issuedAt = clock();
      const code = await devices.createEnrollmentCode({ buildingId: actor.buildingId, mode });
      await audit.record(db, { buildingId: actor.buildingId, residentId: null, actor: { kind: 'staff', staffId: actor.staffId }, action: 'device.code_issued', reason: null, detail: { mode } });
      return { code, mode, expiresAt: new Date(issuedAt.getTime() + ENROLLMENT_CODE_TTL_MS).toISOString() };
    },

    async revoke(actor, deviceId, reason) {
      // The workstation doing it cannot be its own target: that would lock the administrator out mid-task.
      if (deviceId === actor.deviceId) throw new KiotError('wrong_state', 'A workstation cannot revoke itself; revoke it from another one');
      const at = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        const device = await getFleetDevice(trx, deviceId);
        // Another building's device is "not found", not "forbidden": its existence is not this building's business.
        if (!device || device.building_id !== actor.buildingId) throw new KiotError('not_found', 'No such device in this building');
        if (!(await revokeDevice(trx, deviceId, at))) throw new KiotError('wrong_state', 'This device is already revoked');
        await audit.record(trx, {
          buildingId: actor.buildingId,
          residentId: null,
          actor: { kind: 'staff', staffId: actor.staffId },
          action: 'device.revoked',
          reason,
          detail: { deviceId, mode: device.mode },
        });
      });
      logger.info('Device revoked', { deviceId, buildingId: actor.buildingId });
      const row = await getFleetDevice(db, deviceId);
      if (!row) throw new KiotError('not_found', 'No such device in this building');
      return { device: toFleetDevice(row, clock()) };
    },
  };
}
