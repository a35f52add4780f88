import type { KioskDatabase } from './open';

export type OutboxStatus = 'pending' | 'acknowledged' | 'rejected';

export type NewOutboxRow = {
  id: string;
  kind: string;
  createdAt: string;
  payload: unknown;
  sessionId: string | null;
  residentId: string | null;
};

/** A queued operation as the push sends it. */
export type PendingOperation = { id: string; kind: string; createdAt: string; sessionId: string | null; payload: unknown };

/** What stays of a row for the screens: never the payload. */
export type OutboxItem = {
  id: string;
  kind: string;
  createdAt: string;
  status: OutboxStatus;
  error: { code: string; message: string } | null;
  finishedAt: string | null;
};

/** `id` is the UUIDv7 idempotency key the hub uses to apply the write exactly once. */
export function insertOutboxRow(db: KioskDatabase, row: NewOutboxRow): void {
  db.prepare(
    `INSERT INTO outbox (id, kind, created_at, status, payload, session_id, resident_id)
     VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
  ).run(row.id, row.kind, row.createdAt, JSON.stringify(row.payload), row.sessionId, row.residentId);
}

type PendingRow = { id: string; kind: string; created_at: string; session_id: string | null; payload: string };

/** Oldest first, in the order the kiosk recorded them. */
export function listPendingOperations(db: KioskDatabase, limit: number): PendingOperation[] {
  return db
    .prepare<[number], PendingRow>(
      `SELECT id, kind, created_at, session_id, payload FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?`,
    )
    .all(limit)
    .map((r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at, sessionId: r.session_id, payload: JSON.parse(r.payload) as unknown }));
}

/** One statement (one commit) for the whole batch, however large. */
export function countOutboxAttempt(db: KioskDatabase, ids: readonly string[]): void {
  db.prepare(`UPDATE outbox SET attempts = attempts + 1 WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
}

/** The hub applied it (or had already): the payload and every link to the resident go. */
export function acknowledgeOutboxRow(db: KioskDatabase, id: string, at: string): void {
  db.prepare(
    `UPDATE outbox SET status = 'acknowledged', payload = NULL, session_id = NULL, resident_id = NULL, finished_at = ?
     WHERE id = ? AND status = 'pending'`,
  ).run(at, id);
}

/**
 * Final: never sent again. The payload goes; the resident id stays so the rejection can be
 * shown to that resident, and so an erasure still finds the row.
 */
export function rejectOutboxRow(db: KioskDatabase, id: string, error: { code: string; message: string }, at: string): void {
  db.prepare(
    `UPDATE outbox SET status = 'rejected', payload = NULL, session_id = NULL, error_code = ?, error_message = ?, finished_at = ?
     WHERE id = ? AND status = 'pending'`,
  ).run(error.code, error.message, at, id);
}

type ItemRow = {
  id: string;
  kind: string;
  created_at: string;
  status: OutboxStatus;
  error_code: string | null;
  error_message: string | null;
  finished_at: string | null;
};

export function getOutboxItem(db: KioskDatabase, id: string): OutboxItem | null {
  const row = db
    .prepare<[string], ItemRow>('SELECT id, kind, created_at, status, error_code, error_message, finished_at FROM outbox WHERE id = ?')
    .get(id);
  if (row === undefined) return null;
  return {
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at,
    status: row.status,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    finishedAt: row.finished_at,
  };
}

export function getPendingStats(db: KioskDatabase): { pending: number; oldestCreatedAt: string | null } {
  const row = db
    .prepare<[], { n: number; oldest: string | null }>(
      `SELECT count(*) AS n, (SELECT created_at FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1) AS oldest
       FROM outbox WHERE status = 'pending'`,
    )
    .get();
  return { pending: row?.n ?? 0, oldestCreatedAt: row?.oldest ?? null };
}

/** Erasure: every row of that resident, whatever its status. Returns how many went. */
export function deleteResidentOutboxRows(db: KioskDatabase, residentId: string): number {
  return db.prepare('DELETE FROM outbox WHERE resident_id = ?').run(residentId).changes;
}

/** Answered rows older than `before` are only history; the screens need the recent ones. */
export function pruneFinishedOutboxRows(db: KioskDatabase, before: string): number {
  return db.prepare(`DELETE FROM outbox WHERE status <> 'pending' AND finished_at < ?`).run(before).changes;
}
