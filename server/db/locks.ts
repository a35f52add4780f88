import { sql } from 'kysely';
import { dialectOf } from './connect';
import type { HubTrx } from './connect';

/**
 * Serializes transactions on one key until commit. PostgreSQL needs it because several
 * hubs may share the database; SQLite already runs one write transaction at a time.
 */
export async function lockKey(trx: HubTrx, key: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** Splits rows for multi-row inserts below both dialects' bound-parameter limits. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
