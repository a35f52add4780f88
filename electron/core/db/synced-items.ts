import type { KioskDatabase } from './open';

/** Building-wide public data pulled from the hub (announcements, settings, …), by type and id. */
export function upsertSyncedItem(db: KioskDatabase, item: { type: string; id: string; data: unknown; seq: number }, now: string): void {
  db.prepare(
    `INSERT INTO synced_items (type, id, data, seq, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (type, id) DO UPDATE SET data = excluded.data, seq = excluded.seq, updated_at = excluded.updated_at`,
  ).run(item.type, item.id, JSON.stringify(item.data), item.seq, now);
}

export function deleteSyncedItem(db: KioskDatabase, type: string, id: string): void {
  db.prepare('DELETE FROM synced_items WHERE type = ? AND id = ?').run(type, id);
}

export function getSyncedItem(db: KioskDatabase, type: string, id: string): unknown {
  const row = db.prepare<[string, string], { data: string }>('SELECT data FROM synced_items WHERE type = ? AND id = ?').get(type, id);
  return row === undefined ? undefined : (JSON.parse(row.data) as unknown);
}

export function listSyncedItems(db: KioskDatabase, type: string): { id: string; data: unknown }[] {
  return db
    .prepare<[string], { id: string; data: string }>('SELECT id, data FROM synced_items WHERE type = ? ORDER BY id')
    .all(type)
    .map((r) => ({ id: r.id, data: JSON.parse(r.data) as unknown }));
}

export function countSyncedItems(db: KioskDatabase): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM synced_items').get()?.n ?? 0;
}

/** Before a snapshot: everything pulled so far is dropped, and the cursor with it. */
export function clearSyncedItems(db: KioskDatabase): void {
  db.prepare('DELETE FROM synced_items').run();
  setSyncCursor(db, null);
}

export type SyncState = { cursor: string | null; lastSyncAt: string | null };

export function getSyncState(db: KioskDatabase): SyncState {
  const row = db.prepare<[], { cursor: string | null; last_sync_at: string | null }>('SELECT cursor, last_sync_at FROM sync_state WHERE id = 1').get();
  return { cursor: row?.cursor ?? null, lastSyncAt: row?.last_sync_at ?? null };
}

export function setSyncCursor(db: KioskDatabase, cursor: string | null): void {
  db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(cursor);
}

export function setLastSyncAt(db: KioskDatabase, at: string): void {
  db.prepare('UPDATE sync_state SET last_sync_at = ? WHERE id = 1').run(at);
}
