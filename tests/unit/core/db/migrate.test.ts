import { afterEach, describe, expect, it } from 'vitest';
import { getUserVersion, runMigrations } from '../../../../electron/core/db/migrate';
import { migrations } from '../../../../electron/core/db/migrations/index';
import { migration001 } from '../../../../electron/core/db/migrations/001-init';
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
