/**
 * Brings a hub database to the schema this code expects. Each migration runs in its own
 * transaction together with its `schema_migrations` row, so a failure leaves the database
 * at the previous version; a database written by a newer hub is refused rather than
 * silently misread.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialectOf } from './connect';
import type { HubDb, HubTrx } from './connect';
import { columnTypesFor } from './migration';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations/index';

export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion} but this hub only knows up to ${codeVersion}. ` +
        'It was written by a newer hub: upgrade this hub instead of downgrading the database.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export type MigrationReport = { from: number; to: number; applied: number[] };

export async function migrateToLatest(db: HubDb, now: () => Date, list: readonly Migration[] = allMigrations): Promise<MigrationReport> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const types = columnTypesFor(dialectOf(db));
  const applied: number[] = [];
  let from: number | null = null;
  for (;;) {
    const result = await db.transaction().execute(async (trx) => {
      await lockMigrations(trx);
      await trx.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', types.instant, (c) => c.notNull())
        .execute();
      const current = await readSchemaVersion(trx);
      if (current > list.length) throw new SchemaTooNewError(current, list.length);
      const next = list[current];
      if (!next) return { current, done: true };
      await next.up(trx as unknown as Kysely<unknown>, types);
      await trx
        .insertInto('schema_migrations')
        .values({ version: next.version, name: next.name, applied_at: now().toISOString() })
        .execute();
      return { current, done: false, version: next.version };
    });
    from ??= result.current;
    if (result.done) return { from, to: result.current, applied };
    if (result.version !== undefined) applied.push(result.version);
  }
}

export async function readSchemaVersion(db: HubDb | HubTrx): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Two hubs starting together on one PostgreSQL must not both run a migration. */
async function lockMigrations(trx: HubTrx): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('kiot:migrations'))`.execute(trx);
}
