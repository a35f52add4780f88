import { DEVICE_HEADER } from '../../shared/hub-api';
import type { EnrollRequest, EnrollResponse } from '../../shared/hub-api';
import type { DeviceMode } from '../../shared/domain';
import type { Logger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import { digestsEqual, newEnrollmentCode, newSecret, normalizeEnrollmentCode, sha256Base64url } from '../crypto';
import type { IdGenerator, RandomBytes } from '../ids';
import type { HubDb } from '../db/connect';
import { claimEnrollmentCode, findEnrollmentCode, getDevice, insertDevice, insertEnrollmentCode } from '../db/devices';
import { getBuilding } from '../db/residents';

export const ENROLLMENT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export type AuthenticatedDevice = { id: string; buildingId: string; mode: DeviceMode };

export type DeviceService = {
  createEnrollmentCode(input: { buildingId: string; mode: DeviceMode }): Promise<string>;
  enroll(input: EnrollRequest): Promise<EnrollResponse>;
  /** Checks an `x-kiot-device: <id>.<secret>` header value; unauthorized otherwise. */
  authenticate(header: string | undefined): Promise<AuthenticatedDevice>;
};

export type DeviceDeps = { db: HubDb; clock: () => Date; random: RandomBytes; newId: IdGenerator; logger: Logger };

export const DEVICE_NAME_MAX = 64;

// Control, format (bidirectional overrides and isolates, zero-width joiners, BOM), private-use,
// unpaired surrogate and unassigned code points, and line or paragraph separators: a name is
// shown on manager screens and in logs, where such characters can reorder or hide text.
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}<>]/u;

/**
 * A device name as the hub stores it: NFC, trimmed, runs of spaces made one, 1 to 64
 * characters, none of them control, format or markup characters. Refused with a 400 that
 * says what to change, rather than silently stripped, so a name never differs from what
 * the person typed in a way they cannot see.
 */
export function normalizeDeviceName(raw: string): string {
  const name = raw.normalize('NFC').replace(/\p{Zs}+/gu, ' ').trim();
  if (FORBIDDEN_IN_NAME.test(name)) {
    throw new KiotError('invalid_input', 'Device name: use letters, digits, spaces and punctuation only (no control or formatting characters, no < or >)');
  }
  const length = [...name].length;
  if (length < 1 || length > DEVICE_NAME_MAX) throw new KiotError('invalid_input', `Device name: 1 to ${DEVICE_NAME_MAX} characters (got ${length})`);
  return name;
}

// One answer for every failure, so the endpoint is not an oracle for which codes exist.
const BAD_CODE = 'This enrollment code is not valid. Ask the building manager for a new one.';

export function createDeviceService(deps: DeviceDeps): DeviceService {
  const { db, clock, random, newId, logger } = deps;

  return {
    async createEnrollmentCode({ buildingId, mode }) {
      if (!(await getBuilding(db, buildingId))) throw new KiotError('not_found', `No building ${buildingId}`);
      const code = newEnrollmentCode(random);
      const now = clock();
      await insertEnrollmentCode(db, {
        id: newId(),
        code_hash: sha256Base64url(normalizeEnrollmentCode(code)),
        building_id: buildingId,
        mode,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ENROLLMENT_CODE_TTL_MS).toISOString(),
        used_at: null,
        device_id: null,
      });
      logger.info('Enrollment code issued', { buildingId, mode });
      return code;
    },

    async enroll({ code, name: rawName }) {
      // Before the code is looked at: a bad name costs the caller nothing and tells them nothing.
      const name = normalizeDeviceName(rawName);
      const now = clock();
      return db.transaction().execute(async (trx) => {
        const row = await findEnrollmentCode(trx, sha256Base64url(normalizeEnrollmentCode(code)));
        if (!row || row.used_at !== null || Date.parse(row.expires_at) <= now.getTime()) {
          throw new KiotError('unauthorized', BAD_CODE);
        }
        const building = await getBuilding(trx, row.building_id);
        if (!building) throw new KiotError('unauthorized', BAD_CODE);
        const deviceId = newId();
        const deviceSecret = newSecret(random);
        await insertDevice(trx, {
          id: deviceId,
          building_id: row.building_id,
          mode: row.mode,
          name,
          // The secret is 256 random bits, so a plain SHA-256 is enough; a slow KDF buys nothing.
          secret_hash: sha256Base64url(deviceSecret),
          created_at: now.toISOString(),
          revoked_at: null,
        });
        if (!(await claimEnrollmentCode(trx, row.id, deviceId, now.toISOString()))) throw new KiotError('unauthorized', BAD_CODE);
        logger.info('Device enrolled', { deviceId, buildingId: row.building_id, mode: row.mode });
        return { deviceId, deviceSecret, buildingId: building.id, buildingName: building.name, mode: row.mode };
      });
    },

    async authenticate(header) {
      const unauthorized = (): KiotError => new KiotError('unauthorized', `Missing or invalid ${DEVICE_HEADER} credential`);
      if (!header) throw unauthorized();
      const dot = header.indexOf('.');
      if (dot <= 0 || dot === header.length - 1 || header.length > 200) throw unauthorized();
      const device = await getDevice(db, header.slice(0, dot));
      // Hash even when the device is unknown, so both paths cost the same.
      const presented = sha256Base64url(header.slice(dot + 1));
      if (!device || !digestsEqual(presented, device.secret_hash) || device.revoked_at !== null) throw unauthorized();
      return { id: device.id, buildingId: device.building_id, mode: device.mode };
    },
  };
}
