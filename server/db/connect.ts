/** Opens the hub database: PostgreSQL for a `postgres://` URL, otherwise a SQLite file. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../shared/logger';
import { silentLogger } from '../../shared/logger';
import type { Database } from './schema';

export type HubDb = Kysely<Database>;
export type HubTrx = Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';

const PG_INT8 = 20;
const PG_DATE = 1082;
const PG_TIMESTAMPTZ = 1184;

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/** Works on a Kysely instance or a transaction. */
export function dialectOf(db: { getExecutor(): { readonly adapter: unknown } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function openDatabase(database: string, opts: { logger?: Logger } = {}): HubDb {
  return isPostgresUrl(database) ? openPostgres(database, opts.logger ?? silentLogger) : openSqlite(database);
}

function openPostgres(url: string, logger: Logger): HubDb {
  const defaultTimestamp = pg.types.getTypeParser(PG_TIMESTAMPTZ);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Rows must look the same on both dialects: ISO instants, `YYYY-MM-DD` dates and
    // numbers for money, instead of pg's local-time Date objects and int8 strings.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === PG_INT8) return parseSafeInteger;
        if (oid === PG_DATE) return (value: string) => value;
        if (oid === PG_TIMESTAMPTZ) return (value: string) => (defaultTimestamp(value) as Date).toISOString();
        return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
      }) as typeof pg.types.getTypeParser,
    },
    options: '-c TimeZone=UTC',
  });
  // An idle connection the server ends (a restart, a failover, an administrator) is dropped
  // from the pool and replaced on the next query; unhandled, its error would end the process.
  pool.on('error', (err: Error & { code?: string }) => {
    logger.warn('PostgreSQL closed an idle connection; it will be replaced', { sqlState: err.code, error: err.message });
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function parseSafeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value out of JavaScript's safe range: ${value}`);
  return parsed;
}

function openSqlite(path: string): HubDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (the seed CLI, a second hub in tests) may hold the write lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Freed space is overwritten with zeros, so erased residents (services/erasure.ts) leave
  // nothing in free pages or in the gaps of the pages they were in.
  sqlite.pragma('secure_delete = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Enough for every distinct statement the hub issues; beyond it the one prepared first is dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every statement again on every execution; SQLite's compile step then
 * costs as much as running a small query. Statements are kept by their SQL text and reused
 * (the values are bound per execution, so the text is the same for every resident). Kysely
 * runs one statement at a time on this single connection, so a cached statement is never
 * in use twice at once; SQLite re-prepares a statement by itself after a schema change.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
