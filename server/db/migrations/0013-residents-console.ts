import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { residentSearchText } from '../../../shared/search-text';
import type { Migration } from '../migration';

/**
 * The console's resident directory:
 * - `residents.search_text`: name, email, phone forms and unit labels without diacritics
 *   (shared/search-text.ts), written by every path that writes a resident (db/residents.ts
 *   and db/resident-search.ts), so a search is one substring match on one column;
 * - `residents.moved_out_at`: when the resident left; the retention clock starts there;
 * - `resident_units`: households (several residents per unit, a resident in several units),
 *   backfilled with each resident's unit, which stays in `residents.unit_id` as the primary one.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'residents-console',
  async up(db, t) {
    await db.schema.alterTable('residents').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('residents').addColumn('moved_out_at', t.instant).execute();

    await db.schema
      .createTable('resident_units')
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      // What the console records; `occupant` when nobody said (every row this migration writes).
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('since', t.instant, (c) => c.notNull())
      .addColumn('until', t.instant)
      .addPrimaryKeyConstraint('resident_units_pk', ['resident_id', 'unit_id', 'since'])
      .addCheckConstraint('resident_units_role_known', sql`role in ('owner', 'tenant', 'family', 'occupant')`)
      .addCheckConstraint('resident_units_until_after_since', sql`until is null or until >= since`)
      .execute();
    // A unit's household, and at most one open link between a resident and a unit.
    await db.schema.createIndex('resident_units_unit_idx').on('resident_units').columns(['unit_id', 'until']).execute();
    await sql`create unique index resident_units_open_unique on resident_units (resident_id, unit_id) where until is null`.execute(db);

    await sql`insert into resident_units (resident_id, unit_id, role, since, until) select id, unit_id, 'occupant', created_at, null from residents`.execute(db);
    await backfillSearchText(db);
    await createSearchIndex(db, t.instant === 'timestamptz');
  },
};

async function backfillSearchText(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: string; full_name: string; email: string | null; phone_e164: string; label: string }>`
    select r.id, r.full_name, r.email, r.phone_e164, u.label from residents r join units u on u.id = r.unit_id`.execute(db);
  for (const row of rows.rows) {
    const text = residentSearchText({ fullName: row.full_name, email: row.email, phoneE164: row.phone_e164, unitLabels: [row.label] });
    await sql`update residents set search_text = ${text} where id = ${row.id}`.execute(db);
  }
}

/**
 * The search is `search_text like '%term%'` within a building. On PostgreSQL a trigram GIN
 * index answers that without reading every row; the extension ships with PostgreSQL's
 * contrib package and is trusted (a database owner may create it), but a server without it
 * (or a role without the right) must still migrate: then a btree on (building, text) keeps
 * the scan to the building's index entries, which is what SQLite gets too (a covering index
 * its LIKE scan reads instead of the table).
 */
async function createSearchIndex(db: Kysely<unknown>, postgres: boolean): Promise<void> {
  if (postgres) {
    const available = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if ((available.rows[0]?.n ?? 0) > 0) {
      await sql`savepoint kiot_trgm`.execute(db);
      try {
        await sql`create extension if not exists pg_trgm`.execute(db);
        await sql`create index residents_search_trgm_idx on residents using gin (search_text gin_trgm_ops)`.execute(db);
        await sql`release savepoint kiot_trgm`.execute(db);
      } catch {
        await sql`rollback to savepoint kiot_trgm`.execute(db);
      }
    }
  }
  await db.schema.createIndex('residents_building_search_idx').on('residents').columns(['building_id', 'search_text']).execute();
}
