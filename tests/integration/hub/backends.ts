/**
 * The two databases the hub runs on. Each `create()` makes a fresh, empty database:
 * a temporary SQLite file, or a new PostgreSQL database on the server the integration run
 * set up (tests/integration/global-setup.ts: `KIOT_TEST_PG_ADMIN_URL`, default
 * postgres://postgres@127.0.0.1:5432/postgres, or an embedded server when that does not answer).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { DEFAULT_PG_ADMIN_URL } from '../../../dev/test-postgres';

export type TestDatabase = { url: string; drop(): Promise<void> };
export type Backend = { name: 'sqlite' | 'postgres'; create(): Promise<TestDatabase> };

// Provided by the integration project's global setup; the fallback serves a suite run from another project.
const ADMIN_URL = (inject('pgAdminUrl') as string | undefined) ?? (process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL);

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'kiot-hub-test-'));
    return {
      url: join(dir, 'hub.sqlite'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async create() {
    const name = `kiot_test_${randomBytes(6).toString('hex')}`;
    await withAdmin((client) => client.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  },
};

export const backends: Backend[] = [sqliteBackend, postgresBackend];
