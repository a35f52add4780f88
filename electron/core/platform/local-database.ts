import fs from 'node:fs/promises';
import path from 'node:path';
import type { KioskConfig, Keystore } from '../api';
import { runMigrations } from '../db/migrate';
import { openKioskDatabase } from '../db/open';
import type { KioskDatabase } from '../db/open';

export const DATABASE_FILE = 'kiosk.db';

/**
 * Opens the device's encrypted database in its data directory with the keystore's key and
 * brings its schema up to date. The data directory is created owner-only.
 */
export async function openLocalDatabase(
  config: Pick<KioskConfig, 'dataDir' | 'sqliteNativeBinding'>,
  keystore: Pick<Keystore, 'getOrCreateDbKey'>,
): Promise<KioskDatabase> {
  await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const key = await keystore.getOrCreateDbKey();
  let db: KioskDatabase;
  try {
    db = openKioskDatabase(path.join(config.dataDir, DATABASE_FILE), key, { nativeBinding: config.sqliteNativeBinding });
  } finally {
    // The keystore hands out copies; this one is no longer needed in memory.
    key.fill(0);
  }
  try {
    runMigrations(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
