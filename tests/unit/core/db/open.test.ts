import { existsSync, mkdirSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpoint, openKioskDatabase, rotateKey } from '../../../../electron/core/db/open';
import type { KioskDatabase } from '../../../../electron/core/db/open';
import { DatabaseKeyError } from '../../../../electron/core/db/errors';
import { tempDb } from './helpers';

describe('openKioskDatabase', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const fresh = (): ReturnType<typeof tempDb> => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    return t;
  };
  const track = (db: KioskDatabase): KioskDatabase => {
    cleanups.unshift(() => db.open && db.close());
    return db;
  };

  it('sets SQLCipher 4, secure_delete, in-memory temp store and WAL', () => {
    const { file, key } = fresh();
    const db = track(openKioskDatabase(file, key));
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(Number(db.pragma('legacy', { simple: true }))).toBe(4);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('reopens with the same key and refuses a wrong one with DatabaseKeyError', () => {
    const { file, key } = fresh();
    const db = openKioskDatabase(file, key);
    db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (\'hello\')');
    db.close();
    const again = track(openKioskDatabase(file, key));
    expect(again.prepare('SELECT x FROM t').pluck().get()).toBe('hello');
    again.close();
    const wrong = Buffer.from(key);
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    expect(() => openKioskDatabase(file, wrong)).toThrow(DatabaseKeyError);
  });

  it('rejects keys that are not 32 bytes', () => {
    const { file } = fresh();
    expect(() => openKioskDatabase(file, Buffer.alloc(16))).toThrow(RangeError);
  });

  it('rotateKey re-encrypts: the old key stops working, the new one keeps the data, WAL is back', () => {
    const { file, key } = fresh();
    const db = openKioskDatabase(file, key);
    db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (\'kept\')');
    const newKey = Buffer.alloc(32, 7);
    rotateKey(db, newKey);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT x FROM t').pluck().get()).toBe('kept');
    db.close();
    expect(() => openKioskDatabase(file, key)).toThrow(DatabaseKeyError);
    const reopened = track(openKioskDatabase(file, newKey));
    expect(reopened.prepare('SELECT x FROM t').pluck().get()).toBe('kept');
  });
  it('keeps the SQLite error as the cause of a DatabaseKeyError', () => {
    const { file, key } = fresh();
    openKioskDatabase(file, key).close();
    let thrown: unknown;
    try {
      track(openKioskDatabase(file, Buffer.alloc(32, 9)));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DatabaseKeyError);
    expect((thrown as Error).cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('passes a failure that is not a wrong key through unchanged, and leaves no connection open', () => {
    const { file, key } = fresh();
    const db = openKioskDatabase(file, key);
    db.exec('CREATE TABLE t (x TEXT)');
    db.close();
    // The file is in WAL mode, so the first read opens "<file>-wal": a directory there makes
    // that read fail with an I/O error. Calling it a wrong key would invite starting over.
    mkdirSync(`${file}-wal`);
    let thrown: unknown;
    try {
      track(openKioskDatabase(file, key));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DatabaseKeyError);
    expect(thrown).toMatchObject({ code: 'SQLITE_CANTOPEN' });
  });
});

describe('checkpoint', () => {
  it('moves every committed page into the main file and empties the -wal file', () => {
    const t = tempDb();
    const db = openKioskDatabase(t.file, t.key);
    try {
      db.exec('CREATE TABLE t (x TEXT)');
      db.prepare('INSERT INTO t VALUES (?)').run('resident 0912345678');
      db.prepare('DELETE FROM t').run();
      const wal = `${t.file}-wal`;
      // Without a checkpoint the old page images, the deleted row among them, stay in the -wal.
      expect(statSync(wal).size).toBeGreaterThan(0);
      checkpoint(db);
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
      expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
