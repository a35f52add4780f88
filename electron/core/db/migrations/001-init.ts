import type { Migration } from '../migration';

/**
 * The four things a kiosk may keep (DESIGN.md, "Kiosk local storage"): its identity,
 * building-wide public data, the outbox, and the current resident's session cache.
 */
export const migration001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE device_identity (
        -- A kiosk is exactly one device: the CHECK makes a second identity row impossible.
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        device_id        TEXT NOT NULL,
        device_secret    TEXT NOT NULL,
        building_id      TEXT NOT NULL,
        building_name    TEXT NOT NULL,
        mode             TEXT NOT NULL CHECK (mode IN ('kiosk', 'manager')),
        enrolled_at      TEXT NOT NULL,
        keystore_backend TEXT NOT NULL
      ) STRICT;

      -- Building-wide public data only (announcements, building config, policy versions).
      CREATE TABLE building_kv (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Writes not yet acknowledged by the hub; id is the UUIDv7 idempotency key.
      CREATE TABLE outbox (
        id         TEXT PRIMARY KEY,
        op         TEXT NOT NULL,
        payload    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- The signed-in resident's data, for the current session only; emptied on every lock.
      CREATE TABLE session_cache (
        entry     TEXT PRIMARY KEY,
        json      TEXT NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
