/**
 * Crash safety of the outbox (issue 6): a kiosk core in a child process, pushing to a real
 * hub on loopback, is killed with SIGKILL at many points — while recording, before a push,
 * while the hub applies a batch, after the hub committed but before the kiosk marked the
 * rows, between batches. After the last kill a clean run drains the outbox, and the hub
 * must hold every operation the kiosk recorded exactly once, in the order it was recorded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peekKioskDatabase } from '../fixtures/kiosk-db';
import { startSyncTestHub } from '../fixtures/sync-hub';
import type { SyncTestHub } from '../fixtures/sync-hub';

const KILLS = 110;
/** Hard bounds: runs started, and wall time for the whole kill loop. */
const MAX_RUNS = 300;
const DEADLINE_MS = 150_000;

/** A small seeded generator, so a failing sequence of kill points can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Outcome = 'killed' | 'drained';

describe('outbox crash safety (SIGKILL during flushes)', () => {
  let hubDir: string;
  let hub: SyncTestHub;
  let childFile: string;

  beforeAll(async () => {
    hubDir = mkdtempSync(path.join(tmpdir(), 'kiot-crash-'));
    // One bundle, so each of the hundred-odd child processes starts in a fraction of a second.
    // It lives under node_modules so that the native SQLCipher module resolves from it.
    childFile = path.join(process.cwd(), 'node_modules', '.cache', 'kiot-test', `sync-kiosk-child-${process.pid}.cjs`);
    await build({
      entryPoints: [path.join(process.cwd(), 'tests', 'fixtures', 'sync-kiosk-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: childFile,
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'warning',
    });
    hub = await startSyncTestHub(path.join(hubDir, 'hub.sqlite'));
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(childFile, { force: true });
  });

  it(`the hub holds every recorded operation exactly once, in order, after ${KILLS} kills`, { timeout: 240_000 }, async () => {
    const dataDir = path.join(hubDir, 'kiosk');
    const enrollCode = await hub.createEnrollmentCode();
    const random = seeded(0x6b696f74);

    /** Runs the child; with `killAfterMs`, kills it that long after it said `ready` (unless it finished first). */
    const run = (name: string, writes: number, killAfterMs: number | null, killAfterPush = false): Promise<Outcome> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [childFile], {
          env: {
            PATH: process.env.PATH ?? '',
            KIOT_DATA_DIR: dataDir,
            KIOT_HUB_URL: hub.url,
            KIOT_ENROLL_CODE: enrollCode,
            KIOT_WRITES: String(writes),
            KIOT_RUN: name,
            KIOT_KILL_AFTER_PUSH: killAfterPush ? '1' : '0',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        let killed = false;
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (killAfterMs !== null && !killed && out.includes('ready\n')) {
            killed = true;
            setTimeout(() => child.kill('SIGKILL'), killAfterMs);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (signal === 'SIGKILL') resolve('killed');
          else if (code === 0 && out.includes('drained\n')) resolve('drained');
          else reject(new Error(`child ${name} exited ${code ?? signal}: ${out} ${err}`));
        });
      });

    // The first run enrolls the kiosk, undisturbed.
    expect(await run('enroll', 3, null)).toBe('drained');

    let kills = 0;
    let killedWithPending = 0;
    let inDoubt = 0;
    let selfKills = 0;
    const started = Date.now();
    for (let runs = 0; kills < KILLS && runs < MAX_RUNS && Date.now() - started < DEADLINE_MS; runs++) {
      // 1..250 writes: one batch or several, so kills fall between batches too.
      const writes = 1 + Math.floor(random() * 250);
      // Every fifth run dies exactly between the hub's commit and the kiosk's bookkeeping; the others at a random moment.
      const afterPush = runs % 5 === 4;
      if (afterPush) selfKills += 1;
      const outcome = await run(`r${runs}`, writes, afterPush ? null : Math.floor(random() * 80), afterPush);
      if (outcome !== 'killed') continue;
      kills += 1;
      const pending = await peekKioskDatabase(dataDir, (db) => db.prepare("SELECT id FROM outbox WHERE status = 'pending'").pluck().all() as string[]);
      if (pending.length > 0) killedWithPending += 1;
      const applied = new Set((await hub.log()).map((row) => row.opId));
      // Killed after the hub committed a batch but before the kiosk marked it: the retry must say duplicate.
      if (pending.some((id) => applied.has(id))) inDoubt += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(killedWithPending).toBeGreaterThan(KILLS / 4);
    expect(inDoubt).toBeGreaterThanOrEqual(selfKills);

    expect(await run('final', 0, null)).toBe('drained');

    const recorded = await peekKioskDatabase(dataDir, (db) =>
      db.prepare('SELECT id, status, payload FROM outbox ORDER BY seq').all() as { id: string; status: string; payload: string | null }[],
    );
    expect(recorded.filter((row) => row.status !== 'acknowledged')).toEqual([]);
    expect(recorded.filter((row) => row.payload !== null)).toEqual([]);
    const log = await hub.log();
    // Exactly once and in order: the hub's applied sequence is the kiosk's recorded sequence.
    expect(log.map((row) => row.opId)).toEqual(recorded.map((row) => row.id));
    expect(new Set(log.map((row) => row.opId)).size).toBe(log.length);
  });
});
