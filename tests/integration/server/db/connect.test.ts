/**
 * The hub's PostgreSQL pool outlives the server dropping its connections (a restart, a
 * failover, an administrator ending sessions): the hub keeps running and the next query
 * gets a fresh connection.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/db/connect';
import type { HubDb } from '../../../../server/db/connect';
import { createLogger } from '../../../../shared/logger';
import type { LogEntry } from '../../../../shared/logger';
import { postgresBackend } from '../../hub/backends';
import type { TestDatabase } from '../../hub/backends';

let database: TestDatabase;
let db: HubDb;
const entries: LogEntry[] = [];

beforeAll(async () => {
  database = await postgresBackend.create();
  db = openDatabase(database.url, { logger: createLogger('test', (e) => entries.push(e), 'debug') });
});

afterAll(async () => {
  await db.destroy();
  await database.drop();
});

it('survives PostgreSQL ending its idle connections, logs it, and answers the next query', async () => {
  // Two idle connections in the pool.
  await Promise.all([sql`select pg_sleep(0.05)`.execute(db), sql`select pg_sleep(0.05)`.execute(db)]);

  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  let terminated: number;
  try {
    const ended = await admin.query<{ n: string }>(
      'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    terminated = Number(ended.rows[0]?.n);
    expect(terminated).toBeGreaterThanOrEqual(1);
  } finally {
    await admin.end();
  }

  // The pool hears of each one asynchronously; without a listener the error would end the
  // process (and vitest would report it as an unhandled error). Until it has heard of all of
  // them, a query could still be handed a connection that is already gone.
  const reported = (): number => entries.filter((e) => e.msg.includes('idle connection')).length;
  for (let i = 0; i < 250 && reported() < terminated; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(reported()).toBe(terminated);
  expect(entries.find((e) => e.msg.includes('idle connection'))).toMatchObject({ level: 'warn', data: { sqlState: '57P01' } });

  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(rows).toEqual([{ one: 1 }]);
});
