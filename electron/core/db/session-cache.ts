import type { KioskDatabase } from './open';

/** What a session may cache. Kept to a closed list so a wipe provably covers everything. */
export type SessionEntry = 'resident' | 'bills' | 'profile' | 'consents';

export function putSessionEntry(db: KioskDatabase, entry: SessionEntry, value: unknown, now: string): void {
  db.prepare(
    `INSERT INTO session_cache (entry, json, stored_at) VALUES (?, ?, ?)
     ON CONFLICT (entry) DO UPDATE SET json = excluded.json, stored_at = excluded.stored_at`,
  ).run(entry, JSON.stringify(value), now);
}

export function getSessionEntry(db: KioskDatabase, entry: SessionEntry): unknown {
  const row = db.prepare<[string], { json: string }>('SELECT json FROM session_cache WHERE entry = ?').get(entry);
  return row === undefined ? undefined : (JSON.parse(row.json) as unknown);
}

export function countSessionEntries(db: KioskDatabase): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM session_cache').get()?.n ?? 0;
}

/**
 * Deletes every cached row. With secure_delete on, the freed cells are zeroed; the
 * checkpoint then pushes the zeroed pages into the main file and truncates the -wal,
 * so old page images holding the resident's data do not linger there either.
 */
export function wipeSessionCache(db: KioskDatabase): void {
  db.prepare('DELETE FROM session_cache').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
}
