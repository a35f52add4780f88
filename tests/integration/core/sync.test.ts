/**
 * The kiosk's sync against the real hub over loopback: writes made while the hub is
 * stopped wait, and reach it exactly once and in order when it is back; what the hub
 * publishes arrives; an erasure leaves nothing of the resident in the kiosk's file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore, AppCoreOptions } from '../../../electron/core/api';
import { createAppCore } from '../../../electron/core/create-core';
import { getSyncedItem } from '../../../electron/core/db/synced-items';
import { loadKioskConfig } from '../../../electron/core/platform/config';
import { createDevFileKeystore } from '../../../electron/core/platform/keystore/dev-file-keystore';
import { DATABASE_FILE } from '../../../electron/core/platform/local-database';
import { createFakeClock } from '../../fixtures/fake-clock';
import type { FakeClock } from '../../fixtures/fake-clock';
import { latestCode } from '../../fixtures/dev-sms';
import { peekKioskDatabase } from '../../fixtures/kiosk-db';
import { startSyncTestHub, TEST_KIND } from '../../fixtures/sync-hub';
import type { SyncTestHub } from '../../fixtures/sync-hub';

/** Waits (really) until `done()` holds, polling a bounded number of times. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

describe('kiosk sync against the real hub', () => {
  let hubDir: string;
  let hub: SyncTestHub;

  beforeAll(async () => {
    hubDir = mkdtempSync(path.join(tmpdir(), 'kiot-sync-hub-'));
    hub = await startSyncTestHub(path.join(hubDir, 'hub.sqlite'));
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
  });

  let dataDir: string;
  let clock: FakeClock;
  const cores: AppCore[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-sync-kiosk-'));
    clock = createFakeClock(Date.now());
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    await hub.restart();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startKiosk = async (sync: AppCoreOptions['sync']): Promise<AppCore> => {
    const config = loadKioskConfig(
      { KIOT_HUB_URL: hub.url, KIOT_ENROLL_CODE: await hub.createEnrollmentCode(), KIOT_DEVICE_NAME: 'Sync kiosk' },
      { dataDir, keystore: 'dev-file' },
    );
    const core = await createAppCore({
      config,
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.0.0-test',
      clock,
      hubTimeoutMs: 2000,
      sync,
    });
    cores.push(core);
    return core;
  };

  const append = (core: AppCore, value: string, residentId: string | null = null): string =>
    core.sync.record({ kind: TEST_KIND, payload: { value }, sessionId: null, residentId }).id;

  it('hub stopped: writes wait; hub back: drained in order, exactly once, and the payloads leave the kiosk', async () => {
    const core = await startKiosk({ pullIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 });
    const first = append(core, 'before the outage');
    await until(() => core.sync.itemStatus(first)?.status === 'sent', 'the first write is sent');

    await hub.stop();
    const ids = Array.from({ length: 130 }, (_, i) => append(core, `offline ${i}`));
    await until(() => core.sync.status().lastError === 'push: hub_unavailable', 'the push notices the outage');
    expect(core.sync.status()).toMatchObject({ online: false, pending: 130 });
    expect(ids.map((id) => core.sync.itemStatus(id))).toEqual(ids.map(() => ({ status: 'waiting' })));

    // Retries while it is still down, each on the backoff timer (at most the 5-minute cap apart).
    const retryWindow = async (): Promise<void> => {
      clock.advance(300_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    for (let i = 0; i < 3; i++) await retryWindow();
    expect(core.sync.status().pending).toBe(130);
    await hub.restart();
    for (let i = 0; i < 40 && core.sync.status().pending > 0; i++) await retryWindow();
    expect(core.sync.status().pending).toBe(0);

    const log = await hub.log();
    const mine = new Set([first, ...ids]);
    const applied = log.filter((row) => mine.has(row.opId));
    expect(applied.map((row) => row.opId)).toEqual([first, ...ids]);
    expect(applied.map((row) => row.value)).toEqual(['before the outage', ...ids.map((_, i) => `offline ${i}`)]);
    expect(core.sync.status()).toMatchObject({ online: true, pending: 0, oldestPendingSeconds: null, lastError: null });
    expect(core.sync.itemStatus(ids[129] ?? '')).toMatchObject({ status: 'sent' });
    expect(await peekKioskDatabase(dataDir, (db) => db.prepare('SELECT count(*) FROM outbox WHERE payload IS NOT NULL').pluck().get())).toBe(0);
  });

  it('sends its heartbeat at start: version, outbox depth, last sync, no error', async () => {
    await startKiosk({ pullIntervalMs: 3_600_000 });
    const deviceId = await peekKioskDatabase(dataDir, (db) => db.prepare('SELECT device_id FROM device_identity').pluck().get() as string);
    await until(async () => (await hub.heartbeatOf(deviceId)) !== undefined, 'the hub records a heartbeat');
    expect(await hub.heartbeatOf(deviceId)).toMatchObject({ version: '0.0.0-test', outbox_depth: 0, oldest_pending_seconds: null, last_error: null });
  });

  it("a signed-in resident's write carries their hub session, which the hub accepts; after the lock, another write cannot claim it", async () => {
    const resident = hub.demo.residents[0];
    if (resident === undefined) throw new Error('no demo resident');
    const core = await startKiosk(false);
    expect(() => core.sync.recordAsResident({ kind: TEST_KIND, payload: { value: 'nobody' } })).toThrow(/Nobody is signed in/);
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: `0${resident.phone.slice(3)}` });
    expect(await core.dispatch('auth:verifyOtp', { code: await latestCode(hub.url, resident.phone) })).toMatchObject({ ok: true });
    // The hub checks the write's time against the session's, on the hub's clock: bring the fake kiosk clock to real time.
    clock.setNow(Math.max(clock.now(), Date.now()));
    const theirs = core.sync.recordAsResident({ kind: TEST_KIND, payload: { value: 'made while signed in' } });
    const tags = await peekKioskDatabase(dataDir, (db) => db.prepare('SELECT session_id, resident_id FROM outbox WHERE id = ?').get(theirs.id));
    expect(tags).toEqual({ session_id: expect.any(String), resident_id: expect.any(String) });
    await core.dispatch('session:end', {});
    // Sent after the lock (the token is gone): accepted on the strength of the session it was made in.
    await core.sync.flush();
    expect(core.sync.itemStatus(theirs.id)).toMatchObject({ status: 'sent' });
    expect((await hub.log()).some((row) => row.opId === theirs.id)).toBe(true);
    // A forged session id is rejected for good.
    const forged = core.sync.record({ kind: TEST_KIND, payload: { value: 'forged' }, sessionId: 'not-a-session', residentId: null });
    await core.sync.flush();
    expect(core.sync.itemStatus(forged.id)).toMatchObject({ status: 'rejected' });
  });

  it('an unknown kind is rejected for good, with the reason, and the rest still goes', async () => {
    const core = await startKiosk(false);
    const bad = core.sync.record({ kind: 'test.unknown', payload: { value: 'x' }, sessionId: null, residentId: null }).id;
    const good = append(core, 'after the bad one');
    await core.sync.flush();
    expect(core.sync.itemStatus(bad)).toMatchObject({ status: 'rejected', reason: { code: 'invalid_input' } });
    expect(core.sync.itemStatus(good)).toMatchObject({ status: 'sent' });
    await core.sync.flush();
    expect((await hub.log()).filter((r) => r.opId === bad || r.opId === good).map((r) => r.opId)).toEqual([good]);
  });

  it('pulls the building snapshot, then published changes', async () => {
    const core = await startKiosk(false);
    await core.sync.pull();
    const settings = await peekKioskDatabase(dataDir, (db) =>
      db.prepare('SELECT count(*) FROM synced_items WHERE type = ?').pluck().get('building_settings'),
    );
    expect(settings).toBeGreaterThan(0);
    await hub.publish({ type: 'announcement', id: 'sync-it-1', data: { title: { vi: 'Cắt nước thứ Ba', en: 'Water off Tuesday' } } });
    await core.sync.pull();
    expect(await peekKioskDatabase(dataDir, (db) => getSyncedItem(db, 'announcement', 'sync-it-1'))).toEqual({
      title: { vi: 'Cắt nước thứ Ba', en: 'Water off Tuesday' },
    });
    expect(core.sync.status().lastSyncAt).not.toBeNull();
  });

  it('resident_erased: the resident\'s queued writes are gone from the file, checked with the key after a checkpoint', async () => {
    const SECRET = 'Ghi chú riêng của cư dân qzxv-8841';
    const core = await startKiosk(false);
    // A kiosk with a cursor: a snapshot carries only live data, erasures come as changes after it.
    await core.sync.pull();
    const theirs = [append(core, `${SECRET} 1`, 'res_erased_1'), append(core, `${SECRET} 2`, 'res_erased_1')];
    const other = append(core, 'someone else', 'res_other');
    const file = path.join(dataDir, DATABASE_FILE);
    const key = await createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey();
    const decrypted = (): Buffer => {
      const dump = new Database(file);
      dump.pragma(`cipher='sqlcipher'`);
      dump.pragma('legacy=4');
      dump.pragma(`key="x'${key.toString('hex')}'"`);
      dump.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = dump.serialize();
      dump.close();
      return bytes;
    };
    const holds = (bytes: Buffer): boolean => bytes.includes(Buffer.from(SECRET, 'utf8'));
    // The detector works: queued, the payload is in the decrypted pages (and never in the raw file).
    expect(holds(decrypted())).toBe(true);
    expect(holds(readFileSync(file))).toBe(false);

    await hub.publish({ type: 'resident_erased', id: 'res_erased_1', data: null });
    await core.sync.pull();
    for (const id of theirs) expect(core.sync.itemStatus(id)).toBeNull();
    expect(core.sync.itemStatus(other)).toEqual({ status: 'waiting' });
    await core.close();
    cores.length = 0;

    const plain = decrypted();
    expect(plain.includes(Buffer.from('CREATE TABLE'))).toBe(true);
    expect(holds(plain)).toBe(false);
    expect(holds(readFileSync(file))).toBe(false);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
    const left = await peekKioskDatabase(dataDir, (db) => db.prepare("SELECT count(*) FROM outbox WHERE resident_id = 'res_erased_1'").pluck().get());
    expect(left).toBe(0);
  });
});
