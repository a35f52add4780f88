import Database from 'better-sqlite3-multiple-ciphers';
import { DatabaseKeyError } from './errors';

export type KioskDatabase = Database.Database;

const KEY_BYTES = 32;

function keyLiteral(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new RangeError(`A kiosk database key is ${KEY_BYTES} bytes, got ${key.length}`);
  // A 64-hex-digit blob literal is SQLCipher's "raw key": used as is, with no PBKDF2 pass.
  return `"x'${key.toString('hex')}'"`;
}

function isNotADatabase(err: unknown): boolean {
  return err instanceof Database.SqliteError && (err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_CORRUPT');
}

/**
 * Opens (or creates) the kiosk's encrypted database: SQLCipher 4 format, so standard
 * SQLCipher tools open it with the same raw key. Throws `DatabaseKeyError` when the key
 * does not fit the file.
 */
export function openKioskDatabase(file: string, key: Buffer, opts: { nativeBinding?: string | null } = {}): KioskDatabase {
  const literal = keyLiteral(key);
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key=${literal}`);
    // The key pragma never fails by itself; the first read of the schema is what decrypts page 1.
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if (isNotADatabase(err)) throw new DatabaseKeyError(file, { cause: err });
      throw err;
    }
    // Freed pages are zeroed, so a wiped resident's data is not recoverable from free space.
    db.pragma('secure_delete=ON');
    // Temporary tables and sort spills would otherwise be written unencrypted to a temp file.
    db.pragma('temp_store=MEMORY');
    db.pragma('journal_mode=WAL');
    db.pragma('foreign_keys=ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Re-encrypts the database with a new key. SQLite3MultipleCiphers cannot rekey in WAL
 * mode, hence the detour through a rollback journal.
 */
export function rotateKey(db: KioskDatabase, newKey: Buffer): void {
  const literal = keyLiteral(newKey);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode=DELETE');
  try {
    db.pragma(`rekey=${literal}`);
  } finally {
    db.pragma('journal_mode=WAL');
  }
}

/** Moves every committed page from the -wal file into the main file and truncates the -wal. */
export function checkpoint(db: KioskDatabase): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
