/**
 * The kiosk database on a real disk: what an attacker with the file (a stolen kiosk, a
 * disk image) but not the keyring can learn from it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseKeyError } from '../../../electron/core/db/errors';
import { runMigrations } from '../../../electron/core/db/migrate';
import { openKioskDatabase, rotateKey } from '../../../electron/core/db/open';
import { getSessionEntry, putSessionEntry, wipeSessionCache } from '../../../electron/core/db/session-cache';

// Distinctive values, so that a hit cannot be a coincidence.
const PHONE = '+84912345678';
const NAME = 'Nguyễn Văn Quýzzyx';
const NAME_ASCII = 'zzyx';
const at = '2026-11-25T02:35:00.000Z';

/** Every encoding in which the secret could plausibly sit in a page. */
function needles(): Buffer[] {
  return [PHONE, PHONE.slice(3), NAME, NAME_ASCII, 'session_cache'].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
}

function leaks(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  return needles()
    .filter((n) => bytes.includes(n))
    .map((n) => `${path.basename(file)} contains ${JSON.stringify(n.toString('utf8'))}`);
}

describe('encrypted kiosk database on disk', () => {
  let dir: string;
  let file: string;
  let key: Buffer;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiot-encdb-'));
    file = path.join(dir, 'kiosk.db');
    key = randomBytes(32);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const storeResident = (): ReturnType<typeof openKioskDatabase> => {
    const db = openKioskDatabase(file, key);
    runMigrations(db);
    putSessionEntry(db, 'resident', { id: 'res_1', fullName: NAME, phone: PHONE, unitLabel: 'A-1203', buildingName: 'Tòa Sen' }, at);
    return db;
  };

  it('the leak detector works: the same data in a plain SQLite file is found', () => {
    const plainFile = path.join(dir, 'plain.db');
    const plain = new Database(plainFile);
    plain.pragma('journal_mode=WAL');
    plain.exec('CREATE TABLE session_cache (entry TEXT PRIMARY KEY, json TEXT)');
    plain.prepare('INSERT INTO session_cache VALUES (?, ?)').run('resident', JSON.stringify({ fullName: NAME, phone: PHONE }));
    expect(leaks(`${plainFile}-wal`).length).toBeGreaterThan(0);
    plain.close();
    expect(leaks(plainFile).length).toBeGreaterThan(0);
  });

  it('cannot be read without the key, nor with a wrong key', () => {
    storeResident().close();

    const noKey = new Database(file);
    expect(() => noKey.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    noKey.close();

    // Plain SQLite with the SQLCipher settings but no key pragma: same.
    const settingsOnly = new Database(file);
    settingsOnly.pragma(`cipher='sqlcipher'`);
    settingsOnly.pragma('legacy=4');
    expect(() => settingsOnly.prepare('SELECT * FROM session_cache').all()).toThrow();
    settingsOnly.close();

    expect(() => openKioskDatabase(file, randomBytes(32))).toThrow(DatabaseKeyError);
    // The key as a passphrase (hex text through the KDF) is a different key.
    const asPassphrase = new Database(file);
    asPassphrase.pragma(`cipher='sqlcipher'`);
    asPassphrase.pragma('legacy=4');
    asPassphrase.pragma(`key='${key.toString('hex')}'`);
    expect(() => asPassphrase.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    asPassphrase.close();
  });

  it('opens with the key, through openKioskDatabase and through plain SQLCipher pragmas', () => {
    storeResident().close();
    const db = openKioskDatabase(file, key);
    expect(getSessionEntry(db, 'resident')).toMatchObject({ fullName: NAME, phone: PHONE });
    db.close();

    // What `sqlcipher kiosk.db` with `PRAGMA key = "x'…'"` does: standard SQLCipher 4 settings.
    const standard = new Database(file);
    standard.pragma(`cipher='sqlcipher'`);
    standard.pragma('legacy=4');
    standard.pragma(`key="x'${key.toString('hex')}'"`);
    expect(standard.prepare('SELECT count(*) AS n FROM session_cache').get()).toEqual({ n: 1 });
    standard.close();
  });

  it('leaves no plaintext phone number or name in the .db or -wal file, open or closed', () => {
    const db = storeResident();
    // Before any checkpoint the row lives in the -wal file only.
    expect(readFileSync(`${file}-wal`).length).toBeGreaterThan(0);
    expect([...leaks(file), ...leaks(`${file}-wal`)]).toEqual([]);

    db.pragma('wal_checkpoint(PASSIVE)');
    expect([...leaks(file), ...leaks(`${file}-wal`)]).toEqual([]);

    db.pragma('wal_checkpoint(TRUNCATE)');
    expect([...leaks(file), ...leaks(`${file}-wal`)]).toEqual([]);

    putSessionEntry(db, 'bills', [{ id: 'b1', note: `for ${NAME} ${PHONE}` }], at);
    expect([...leaks(file), ...leaks(`${file}-wal`)]).toEqual([]);
    db.close();
    expect([...leaks(file), ...leaks(`${file}-wal`), ...leaks(`${file}-shm`), ...leaks(`${file}-journal`)]).toEqual([]);
  });

  it('after a wipe the data is gone even for someone holding the key', () => {
    const db = storeResident();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.serialize().includes(Buffer.from(NAME))).toBe(true);
    wipeSessionCache(db);
    db.close();
    // Decrypt every page with the key and look for the plaintext: secure_delete zeroed it.
    const dump = new Database(file);
    dump.pragma(`cipher='sqlcipher'`);
    dump.pragma('legacy=4');
    dump.pragma(`key="x'${key.toString('hex')}'"`);
    const plain = dump.serialize();
    dump.close();
    // Proof that this really is the decrypted content: the schema is readable in it.
    expect(plain.includes(Buffer.from('CREATE TABLE session_cache'))).toBe(true);
    expect(plain.includes(Buffer.from(PHONE))).toBe(false);
    expect(plain.includes(Buffer.from(NAME))).toBe(false);
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
  });

  it('keeps the data across a key rotation, and only the new key opens it', () => {
    const db = storeResident();
    const newKey = randomBytes(32);
    rotateKey(db, newKey);
    putSessionEntry(db, 'bills', [{ id: 'after-rotation' }], at);
    db.close();

    expect(() => openKioskDatabase(file, key)).toThrow(DatabaseKeyError);
    const reopened = openKioskDatabase(file, newKey);
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(getSessionEntry(reopened, 'resident')).toMatchObject({ fullName: NAME });
    expect(getSessionEntry(reopened, 'bills')).toEqual([{ id: 'after-rotation' }]);
    reopened.close();
    expect([...leaks(file), ...leaks(`${file}-wal`)]).toEqual([]);
  });
});
