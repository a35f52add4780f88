import type { Migration } from '../migration';

/**
 * Sync (issue 6). The outbox becomes a status log: a row is `pending` until the hub
 * answers for it, then `acknowledged` or `rejected` (final). Once the hub has answered,
 * the payload and the session id are gone — only what the screens need (id, kind,
 * status, times, a rejection's reason) stays — and the CHECKs make any other state
 * impossible to write. `seq` orders the queue: a UUIDv7 id sorts by the wall clock, which
 * can step back across a restart; the insertion order cannot.
 *
 * `synced_items` holds the building-wide public data pulled from the hub, one row per
 * (type, id); `sync_state` the pull cursor and the last successful exchange.
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_v2 (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acknowledged', 'rejected')),
        payload         TEXT,
        session_id      TEXT,
        resident_id     TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        error_code      TEXT,
        error_message   TEXT,
        finished_at     TEXT,
        CHECK ((status = 'pending') = (payload IS NOT NULL)),
        CHECK (status = 'pending' OR session_id IS NULL),
        CHECK (status <> 'acknowledged' OR resident_id IS NULL),
        CHECK ((status = 'rejected') = (error_code IS NOT NULL)),
        CHECK ((status = 'pending') = (finished_at IS NULL))
      ) STRICT;

      -- Nothing wrote the old outbox before this version; copy whatever is there anyway.
      INSERT INTO outbox_v2 (id, kind, created_at, status, payload, attempts)
        SELECT id, op, created_at, 'pending', payload, attempts FROM outbox ORDER BY id;
      DROP TABLE outbox;
      ALTER TABLE outbox_v2 RENAME TO outbox;

      CREATE INDEX outbox_status ON outbox (status, seq);
      CREATE INDEX outbox_resident ON outbox (resident_id) WHERE resident_id IS NOT NULL;

      CREATE TABLE synced_items (
        type       TEXT NOT NULL,
        id         TEXT NOT NULL,
        data       TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) STRICT;

      CREATE TABLE sync_state (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        cursor       TEXT,
        last_sync_at TEXT
      ) STRICT;
      INSERT INTO sync_state (id, cursor, last_sync_at) VALUES (1, NULL, NULL);
    `);
  },
};
