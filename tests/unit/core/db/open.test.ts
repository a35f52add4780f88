import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDatabase, rotateKey } from '../../../../electron/core/db/open';
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
});
