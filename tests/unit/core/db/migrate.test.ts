import { afterEach, describe, expect, it } from 'vitest';
import { getUserVersion, runMigrations } from '../../../../electron/core/db/migrate';
import { migrations } from '../../../../electron/core/db/migrations/index';
import { migration001 } from '../../../../electron/core/db/migrations/001-init';
import { migration002 } from '../../../../electron/core/db/migrations/002-sync';
import type { Migration } from '../../../../electron/core/db/migration';
import { DatabaseVersionError } from '../../../../electron/core/db/errors';
import { openKioskDatabase } from '../../../../electron/core/db/open';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import { tempDb } from './helpers';

describe('migrations', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const open = (): { db: KioskDatabase; file: string; key: Buffer } => {
    const t = tempDb();
    const db = openKioskDatabase(t.file, t.key);
    cleanups.push(() => {
      if (db.open) db.close();
      t.cleanup();
    });
    return { db, file: t.file, key: t.key };
  };
  const tables = (db: KioskDatabase): string[] =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

  it('are numbered 1..n in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('brings a new database to the latest version, and is idempotent', () => {
    const { db } = open();
    expect(runMigrations(db)).toEqual({ from: 0, to: migrations.length });
    expect(getUserVersion(db)).toBe(migrations.length);
    expect(runMigrations(db)).toEqual({ from: migrations.length, to: migrations.length });
  });

  describe('001-init', () => {
    it('creates the identity, building data, outbox and session cache tables', () => {
      const { db } = open();
      runMigrations(db, [migration001]);
      expect(getUserVersion(db)).toBe(1);
      expect(tables(db)).toEqual(['building_kv', 'device_identity', 'outbox', 'session_cache']);
      const columns = (t: string): string[] => db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[];
      expect(columns('device_identity')).toEqual([
        'id',
        'device_id',
        'device_secret',
        'building_id',
        'building_name',
        'mode',
        'enrolled_at',
        'keystore_backend',
      ]);
      expect(columns('outbox')).toEqual(['id', 'op', 'payload', 'created_at', 'attempts']);
      expect(columns('session_cache')).toEqual(['entry', 'json', 'stored_at']);
    });

    it('allows one device identity only, with a known mode', () => {
      const { db } = open();
      runMigrations(db, [migration001]);
      const insert = db.prepare(
        `INSERT INTO device_identity (id, device_id, device_secret, building_id, building_name, mode, enrolled_at, keystore_backend)
         VALUES (?, 'd', 's', 'b', 'B', ?, '2026-11-25T00:00:00.000Z', 'dev-file')`,
      );
      insert.run(1, 'kiosk');
      expect(() => insert.run(2, 'kiosk')).toThrow(/CHECK/);
      db.prepare('DELETE FROM device_identity').run();
      expect(() => insert.run(1, 'toaster')).toThrow(/CHECK/);
    });
  });

  describe('002-sync', () => {
    it('keeps queued rows from version 1 as pending, in id order, and adds the sync tables', () => {
      const { db } = open();
      runMigrations(db, [migration001]);
      const insert = db.prepare('INSERT INTO outbox (id, op, payload, created_at, attempts) VALUES (?, ?, ?, ?, ?)');
      insert.run('0193-b', 'consent.set', '{"n":2}', '2026-11-25T00:00:01.000Z', 3);
      insert.run('0193-a', 'consent.set', '{"n":1}', '2026-11-25T00:00:00.000Z', 0);
      runMigrations(db, [migration001, migration002]);
      expect(getUserVersion(db)).toBe(2);
      expect(tables(db)).toEqual(['building_kv', 'device_identity', 'outbox', 'session_cache', 'sqlite_sequence', 'sync_state', 'synced_items']);
      expect(db.prepare('SELECT seq, id, kind, status, payload, attempts FROM outbox ORDER BY seq').all()).toEqual([
        { seq: 1, id: '0193-a', kind: 'consent.set', status: 'pending', payload: '{"n":1}', attempts: 0 },
        { seq: 2, id: '0193-b', kind: 'consent.set', status: 'pending', payload: '{"n":2}', attempts: 3 },
      ]);
      expect(db.prepare('SELECT cursor, last_sync_at FROM sync_state').all()).toEqual([{ cursor: null, last_sync_at: null }]);
    });

    it('makes an answered row without its payload the only possible kind', () => {
      const { db } = open();
      runMigrations(db, [migration001, migration002]);
      const at = '2026-11-25T00:00:00.000Z';
      db.prepare(
        `INSERT INTO outbox (id, kind, created_at, payload, session_id, resident_id) VALUES ('a', 'k', ?, '{}', 'ses', 'res')`,
      ).run(at);
      // Acknowledged with the payload, the session or the resident still there: refused.
      expect(() => db.prepare(`UPDATE outbox SET status = 'acknowledged', finished_at = ?`).run(at)).toThrow(/CHECK/);
      expect(() =>
        db.prepare(`UPDATE outbox SET status = 'acknowledged', payload = NULL, resident_id = NULL, finished_at = ?`).run(at),
      ).toThrow(/CHECK/);
      // Rejected without a reason: refused.
      expect(() => db.prepare(`UPDATE outbox SET status = 'rejected', payload = NULL, session_id = NULL, finished_at = ?`).run(at)).toThrow(
        /CHECK/,
      );
      db.prepare(`UPDATE outbox SET status = 'acknowledged', payload = NULL, session_id = NULL, resident_id = NULL, finished_at = ?`).run(at);
      expect(() => db.prepare(`UPDATE outbox SET status = 'martian'`).run()).toThrow(/CHECK/);
      expect(() => db.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/);
    });
  });

  it('refuses a database newer than the code', () => {
    const { db } = open();
    runMigrations(db);
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => runMigrations(db)).toThrow(DatabaseVersionError);
    try {
      runMigrations(db);
    } catch (err) {
      expect((err as Error).message).toMatch(/newer than this build of Kiot/);
    }
  });

  it('rolls a failing migration back entirely, version included', () => {
    const { db } = open();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => runMigrations(db, [migration001, broken])).toThrow('boom');
    expect(getUserVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });

  it('refuses a list with gaps', () => {
    const { db } = open();
    expect(() => runMigrations(db, [{ ...migration001, version: 2 }])).toThrow(/expected 1/);
  });
});
