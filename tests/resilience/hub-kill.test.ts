/**
 * The hub killed with SIGKILL while a kiosk is pushing to it, and started again on the same
 * database and port, many times over. The kiosk keeps recording writes throughout (some
 * while the hub is down). At the end the hub must hold every write exactly once, in the
 * order the kiosk recorded it, and the kiosk's outbox must be empty: the two converge
 * whatever moment the hub died at (before, during or after committing a batch).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../electron/core/api';
import { createAppCore } from '../../electron/core/create-core';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { openDatabase } from '../../server/db/connect';
import { peekKioskDatabase } from '../fixtures/kiosk-db';
import { TEST_KIND } from '../fixtures/sync-hub-kind';

const KILLS = 12;
const DEADLINE_MS = 90_000;
const childFile = path.join(import.meta.dirname, '..', 'fixtures', 'sync-hub-child.ts');

type RunningHub = { child: ChildProcess; url: string; code: string };

function startHub(database: string, port: number): Promise<RunningHub> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childFile], {
      env: { PATH: process.env.PATH ?? '', KIOT_HUB_DB: database, KIOT_HUB_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        const { url, code } = JSON.parse(line) as { url: string; code: string };
        resolve({ child, url, code });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (status, signal) => {
      if (!out.includes('\n')) reject(new Error(`hub child exited ${status ?? signal} before serving: ${err}`));
    });
  });
}

function kill(hub: RunningHub): Promise<void> {
  return new Promise((resolve) => {
    if (hub.child.exitCode !== null || hub.child.signalCode !== null) return resolve();
    hub.child.once('exit', () => resolve());
    hub.child.kill('SIGKILL');
  });
}

/** A small seeded generator, so a failing schedule of kills can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('hub killed and restarted mid-sync', () => {
  let dir: string;
  let database: string;
  let hub: RunningHub | null = null;
  let core: AppCore | null = null;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiot-hub-kill-'));
    database = path.join(dir, 'hub.sqlite');
  });

  afterAll(async () => {
    await core?.close();
    if (hub) await kill(hub);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`every write reaches the hub exactly once, in order, across ${KILLS} hub kills`, { timeout: 150_000 }, async () => {
    hub = await startHub(database, 0);
    const port = Number(new URL(hub.url).port);
    const dataDir = path.join(dir, 'kiosk');
    const config = loadKioskConfig({ KIOT_HUB_URL: hub.url, KIOT_ENROLL_CODE: hub.code, KIOT_DEVICE_NAME: 'Kill kiosk' }, { dataDir, keystore: 'dev-file' });
    core = await createAppCore({
      config,
      keystore: createDevFileKeystore({ dataDir, packaged: false }),
      version: '0.0.0-kill',
      hubTimeoutMs: 2000,
      sync: { pullIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000, backoffBaseMs: 5, backoffCapMs: 100 },
    });
    const random = seeded(0x68756221);
    let n = 0;
    const record = (count: number): void => {
      for (let i = 0; i < count; i += 1) core!.sync.record({ kind: TEST_KIND, payload: { value: `w-${n++}` }, sessionId: null, residentId: null });
    };

    const started = Date.now();
    let kills = 0;
    while (kills < KILLS && Date.now() - started < DEADLINE_MS) {
      record(20 + Math.floor(random() * 200));
      // Let the engine get going, then kill the hub at a random moment of its work.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
      await kill(hub);
      kills += 1;
      record(Math.floor(random() * 30));
      hub = await startHub(database, port);
    }
    expect(kills).toBe(KILLS);

    for (let i = 0; i < 2000 && core.sync.status().pending > 0; i += 1) await core.sync.flush();
    expect(core.sync.status().pending).toBe(0);

    const recorded = await peekKioskDatabase(dataDir, (db) => db.prepare('SELECT id FROM outbox ORDER BY seq').pluck().all() as string[]);
    expect(recorded).toHaveLength(n);
    await kill(hub);
    hub = null;
    const db = openDatabase(database);
    try {
      const applied = (await sql<{ op_id: string }>`select op_id from sync_test_log order by n`.execute(db)).rows.map((r) => r.op_id);
      // Exactly once and in order: the hub's applied sequence is the kiosk's recorded sequence.
      expect(applied).toEqual(recorded);
    } finally {
      await db.destroy();
    }
  });
});
