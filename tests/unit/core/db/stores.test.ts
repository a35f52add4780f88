import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBuildingValue, setBuildingValue } from '../../../../electron/core/db/building-kv';
import { getDeviceIdentity, saveDeviceIdentity } from '../../../../electron/core/db/device-identity';
import { runMigrations } from '../../../../electron/core/db/migrate';
import { openKioskDatabase } from '../../../../electron/core/db/open';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import {
  acknowledgeOutboxRow,
  getOutboxItem,
  getPendingStats,
  insertOutboxRow,
  listPendingOperations,
  rejectOutboxRow,
} from '../../../../electron/core/db/outbox';
import { countSessionEntries, getSessionEntry, putSessionEntry, wipeSessionCache } from '../../../../electron/core/db/session-cache';
import { createUuidV7 } from '../../../../electron/core/platform/uuid-v7';
import { tempDb } from './helpers';

describe('db stores', () => {
  let db: KioskDatabase;
  let cleanup: () => void;
  const at = '2026-11-25T02:35:00.000Z';

  beforeEach(() => {
    const t = tempDb();
    db = openKioskDatabase(t.file, t.key);
    runMigrations(db);
    cleanup = () => {
      db.close();
      t.cleanup();
    };
  });
  afterEach(() => cleanup());

  it('device identity: none, then saved once', () => {
    expect(getDeviceIdentity(db)).toBeNull();
    const identity = {
      deviceId: 'dev_1',
      deviceSecret: 's'.repeat(43),
      buildingId: 'bld_1',
      buildingName: 'Tòa A',
      mode: 'kiosk' as const,
      enrolledAt: at,
      keystoreBackend: 'dev-file',
    };
    saveDeviceIdentity(db, identity);
    expect(getDeviceIdentity(db)).toEqual(identity);
    expect(() => saveDeviceIdentity(db, identity)).toThrow();
  });

  it('building data: upsert JSON values', () => {
    expect(getBuildingValue(db, 'policy')).toBeUndefined();
    setBuildingValue(db, 'policy', { version: 1 }, at);
    setBuildingValue(db, 'policy', { version: 2 }, at);
    expect(getBuildingValue(db, 'policy')).toEqual({ version: 2 });
  });

  it('outbox: in recorded order, acknowledged and rejected rows keep no payload', () => {
    let now = 1_000;
    const uuid = createUuidV7(() => now);
    const ids = [uuid(), ((now += 5), uuid()), uuid()];
    for (const [i, id] of ids.entries()) {
      insertOutboxRow(db, { id, kind: 'consent.set', payload: { i }, createdAt: at, sessionId: 'ses_1', residentId: 'res_1' });
    }
    const listed = listPendingOperations(db, 10);
    expect(listed.map((e) => e.id)).toEqual(ids);
    expect(listed[0]).toEqual({ id: ids[0], kind: 'consent.set', createdAt: at, sessionId: 'ses_1', payload: { i: 0 } });
    acknowledgeOutboxRow(db, ids[0] ?? '', at);
    rejectOutboxRow(db, ids[1] ?? '', { code: 'forbidden', message: 'Not yours' }, at);
    expect(listPendingOperations(db, 10).map((e) => e.id)).toEqual([ids[2]]);
    expect(getPendingStats(db)).toEqual({ pending: 1, oldestCreatedAt: at });
    expect(getOutboxItem(db, ids[1] ?? '')).toMatchObject({ status: 'rejected', error: { code: 'forbidden', message: 'Not yours' } });
    const rows = db.prepare('SELECT payload, session_id FROM outbox WHERE status <> ?').all('pending');
    expect(rows).toEqual([
      { payload: null, session_id: null },
      { payload: null, session_id: null },
    ]);
  });

  it('session cache: put, get, wipe', () => {
    putSessionEntry(db, 'resident', { fullName: 'Trần Thị Bình' }, at);
    putSessionEntry(db, 'bills', [{ id: 'b1' }], at);
    putSessionEntry(db, 'bills', [{ id: 'b2' }], at);
    expect(getSessionEntry(db, 'resident')).toEqual({ fullName: 'Trần Thị Bình' });
    expect(getSessionEntry(db, 'bills')).toEqual([{ id: 'b2' }]);
    expect(countSessionEntries(db)).toBe(2);
    wipeSessionCache(db);
    expect(countSessionEntries(db)).toBe(0);
    expect(getSessionEntry(db, 'resident')).toBeUndefined();
  });
});
