import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../../../electron/core/db/device-identity';
import { getDeviceIdentity, saveDeviceIdentity } from '../../../../electron/core/db/device-identity';
import { runMigrations } from '../../../../electron/core/db/migrate';
import { openKioskDatabase } from '../../../../electron/core/db/open';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import { loadDeviceIdentity } from '../../../../electron/core/device/device-identity';
import { EnrollmentError, KeystoreBackendChangedError } from '../../../../electron/core/device/errors';
import { KiotError } from '../../../../shared/result';
import { tempDb } from '../db/helpers';

const enrolled = { deviceId: 'dev_1', deviceSecret: 'S'.repeat(43), buildingId: 'bld_1', buildingName: 'Tòa Sen', mode: 'kiosk' as const };
const config = { enrollCode: 'CODE-123456', deviceName: 'Sảnh A', hubUrl: 'http://hub.test' };
const now = (): number => Date.UTC(2026, 10, 25, 3, 0, 0);

describe('loadDeviceIdentity', () => {
  let db: KioskDatabase;
  let removeDir: () => void;
  let enrollCalls: unknown[];
  const hub = {
    enroll: async (body: unknown) => {
      enrollCalls.push(body);
      return enrolled;
    },
  };

  beforeEach(() => {
    const temp = tempDb();
    db = openKioskDatabase(temp.file, temp.key);
    runMigrations(db);
    removeDir = temp.cleanup;
    enrollCalls = [];
  });
  afterEach(() => {
    db.close();
    removeDir();
  });

  it('enrolls once and records the keystore backend in use', async () => {
    const identity = await loadDeviceIdentity({ db, hub, config, keystore: { backend: 'gnome_libsecret' }, now });
    expect(identity).toEqual({ ...enrolled, enrolledAt: '2026-11-25T03:00:00.000Z', keystoreBackend: 'gnome_libsecret' });
    expect(getDeviceIdentity(db)).toEqual(identity);
    await expect(loadDeviceIdentity({ db, hub, config, keystore: { backend: 'gnome_libsecret' }, now })).resolves.toEqual(identity);
    expect(enrollCalls).toEqual([{ code: 'CODE-123456', name: 'Sảnh A' }]);
  });

  it('throws KeystoreBackendChangedError when the backend differs from the recorded one', async () => {
    const stored: DeviceIdentity = { ...enrolled, enrolledAt: '2026-01-01T00:00:00.000Z', keystoreBackend: 'kwallet5' };
    saveDeviceIdentity(db, stored);
    const err = await loadDeviceIdentity({ db, hub, config, keystore: { backend: 'basic_text' }, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeystoreBackendChangedError);
    expect(err).toMatchObject({ recorded: 'kwallet5', current: 'basic_text' });
    expect(String((err as Error).message)).toContain('enroll the device again');
    expect(getDeviceIdentity(db)).toEqual(stored);
    expect(enrollCalls).toEqual([]);
  });

  it('maps hub failures at enrollment to EnrollmentError codes', async () => {
    const failing = (err: unknown): typeof hub => ({
      enroll: async () => {
        throw err;
      },
    });
    const deps = { db, config, keystore: { backend: 'dev-file' }, now };
    await expect(loadDeviceIdentity({ ...deps, hub: failing(new KiotError('hub_unavailable', 'down')) })).rejects.toMatchObject({ code: 'hub_unavailable' });
    await expect(loadDeviceIdentity({ ...deps, hub: failing(new KiotError('unauthorized', 'bad code')) })).rejects.toMatchObject({ code: 'rejected' });
    await expect(loadDeviceIdentity({ ...deps, config: { ...config, enrollCode: null }, hub })).rejects.toBeInstanceOf(EnrollmentError);
    expect(getDeviceIdentity(db)).toBeNull();
  });
});
