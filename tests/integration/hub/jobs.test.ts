/**
 * The jobs outside the tests' manual runs: `npm run jobs -- --once` as an operator runs it
 * (a real process against the hub database, one line per job, the exit code), and a hub
 * created with `jobs: 'scheduled'` carrying out a due erasure on its own.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { DemoInfo } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { createIdGenerator } from '../../../server/ids';
import { backends } from './backends';
import type { TestDatabase } from './backends';

const DAY_MS = 24 * 60 * 60 * 1000;

type RequestTables = {
  data_requests: {
    id: string;
    building_id: string;
    resident_id: string;
    kind: string;
    status: string;
    third_party: number;
    created_at: string;
    acknowledge_due_at: string;
    act_due_at: string;
    erase_at: string | null;
    final_notice_channel: string | null;
    updated_at: string;
  };
};

function runJobsCli(database: string, args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['server/jobs-cli.ts', ...args], { env: { ...process.env, KIOT_DB: database, KIOT_HUB_DEV: '1' }, timeout: 60_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout, stderr });
    });
  });
}

describe.each(backends)('jobs on $name', (backend) => {
  let database: TestDatabase;
  let db: HubDb;
  let demo: DemoInfo;
  const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));

  beforeAll(async () => {
    database = await backend.create();
    const hub = await createHub({ database: database.url, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
    demo = await hub.seedDemo();
    await hub.close();
    db = openDatabase(database.url);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  /** A deletion asked for six days ago (real time): due now. The last resident left is the one asked about. */
  async function dueDeletion(): Promise<{ residentId: string; phone: string }> {
    const resident = await db
      .selectFrom('residents')
      .select(['id', 'phone_e164'])
      .where('building_id', '=', demo.buildingId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const iso = (ms: number): string => new Date(ms).toISOString();
    await db
      .withTables<RequestTables>()
      .insertInto('data_requests')
      .values({
        id: newId(),
        building_id: demo.buildingId,
        resident_id: resident.id,
        kind: 'deletion',
        status: 'acknowledged',
        third_party: 0,
        created_at: iso(now - 6 * DAY_MS),
        // Deadlines ahead, so the deadline job has nothing to report about this one.
        acknowledge_due_at: iso(now + 10 * DAY_MS),
        act_due_at: iso(now + 10 * DAY_MS),
        erase_at: iso(now - DAY_MS),
        final_notice_channel: 'sms',
        updated_at: iso(now),
      })
      .execute();
    return { residentId: resident.id, phone: resident.phone_e164 };
  }

  const exists = async (id: string): Promise<boolean> => (await db.selectFrom('residents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

  it('`npm run jobs -- --once` runs the due erasure, prints one line per job and exits 0; a second run finds nothing', async () => {
    const due = await dueDeletion();
    const first = await runJobsCli(database.url, ['--once']);
    expect(first.exitCode, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toContain('erasure: 1 done, 0 failed');
    for (const line of lines) expect(line).toMatch(/^[a-z-]+: \d+ done, \d+ failed$/);
    expect(await exists(due.residentId)).toBe(false);
    // Dev mode: the final notice went to the dev SMS adapter, which shows it on stderr, never on stdout.
    expect(first.stderr).toContain('was erased');
    expect(first.stdout).not.toContain(due.phone);

    const second = await runJobsCli(database.url, ['--once']);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout.trim().split('\n')).toContain('erasure: 0 done, 0 failed');
  });

  it('refuses to run without --once, with a usage message', async () => {
    const run = await runJobsCli(database.url, []);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('Usage: npm run jobs -- --once');
    expect(run.stdout).toBe('');
  });

  it('a hub with scheduled jobs erases a due deletion by itself; a manual one does not', async () => {
    const manual = await createHub({ database: database.url, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
    const due = await dueDeletion();
    try {
      await manual.listen();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await exists(due.residentId)).toBe(true);
    } finally {
      await manual.close();
    }
    const scheduled = await createHub({ database: database.url, devMode: true, jobs: 'scheduled', logger: silentLogger, terminal: { print: () => {} } });
    try {
      await scheduled.listen();
      const deadline = Date.now() + 10_000;
      while ((await exists(due.residentId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await exists(due.residentId)).toBe(false);
    } finally {
      await scheduled.close();
    }
  });
});
