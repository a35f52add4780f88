import type { KioskDatabase } from './open';

export type OutboxEntry = { id: string; op: string; payload: unknown; createdAt: string; attempts: number };

type Row = { id: string; op: string; payload: string; created_at: string; attempts: number };

/** `id` is the UUIDv7 idempotency key the hub uses to apply the write exactly once. */
export function enqueueOutbox(db: KioskDatabase, entry: { id: string; op: string; payload: unknown; createdAt: string }): void {
  db.prepare('INSERT INTO outbox (id, op, payload, created_at, attempts) VALUES (?, ?, ?, ?, 0)').run(
    entry.id,
    entry.op,
    JSON.stringify(entry.payload),
    entry.createdAt,
  );
}

/** Oldest first; UUIDv7 ids sort by creation time, which keeps a resident's writes in order. */
export function listOutbox(db: KioskDatabase, limit: number): OutboxEntry[] {
  return db
    .prepare<[number], Row>('SELECT id, op, payload, created_at, attempts FROM outbox ORDER BY id LIMIT ?')
    .all(limit)
    .map((r) => ({ id: r.id, op: r.op, payload: JSON.parse(r.payload) as unknown, createdAt: r.created_at, attempts: r.attempts }));
}

export function markOutboxAttempt(db: KioskDatabase, id: string): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?').run(id);
}

export function removeOutbox(db: KioskDatabase, id: string): void {
  db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
}
