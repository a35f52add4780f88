import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type RandomBytes = (size: number) => Buffer;
export const defaultRandomBytes: RandomBytes = (size) => nodeRandomBytes(size);

export const DB_KEY_BYTES = 32;
export const DB_KEY_HEX = /^[0-9a-f]{64}$/;

/** Reads a file, or returns null when it does not exist. */
export async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Writes a key file readable by its owner only, atomically: a crash mid-write leaves
 * either no file or the whole file, never a truncated key.
 */
export async function writeKeyFile(file: string, contents: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${nodeRandomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, contents, { mode: 0o600, flag: 'wx' });
    // The mode given to writeFile is filtered by the umask; make sure it is exactly 0600.
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
