import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ensureTestPostgres, probePostgres, startEmbeddedPostgres } from '../../../dev/test-postgres';

// Where a PostgreSQL server runs (CI), the embedded fallback is never needed by the hub
// suites; this proves it still works there.
describe('the embedded PostgreSQL of the tests', () => {
  it('starts on loopback, serves the hub-test admin work, then stops and leaves nothing behind', async () => {
    const server = await startEmbeddedPostgres();
    try {
      const url = new URL(server.adminUrl);
      expect(url.hostname).toBe('127.0.0.1');
      expect(server.version).toMatch(/^\d+/);
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        await client.query('create database kiot_probe');
        await client.query('drop database kiot_probe with (force)');
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
    expect(await probePostgres(server.adminUrl, 1000)).not.toBeNull();
  });

  it('is started only when the configured server does not answer, with one line saying so', async () => {
    const lines: string[] = [];
    const server = await ensureTestPostgres({ adminUrl: 'postgres://postgres:secret@127.0.0.1:1/postgres', say: (line) => lines.push(line) });
    try {
      expect(server.embedded).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres did not answer \(.*ECONNREFUSED.*\); started an embedded PostgreSQL \d+/);
      expect(lines[0]).not.toContain('secret');
      expect(await probePostgres(server.adminUrl)).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
