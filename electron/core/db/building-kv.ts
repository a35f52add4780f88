import type { KioskDatabase } from './open';

/** Building-wide public data (never anything about a resident). Values are JSON. */
export function getBuildingValue(db: KioskDatabase, key: string): unknown {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM building_kv WHERE key = ?').get(key);
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export function setBuildingValue(db: KioskDatabase, key: string, value: unknown, now: string): void {
  db.prepare(
    `INSERT INTO building_kv (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), now);
}
