import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A fresh temp directory and a random key per test; `cleanup` removes the directory. */
export function tempDb(): { dir: string; file: string; key: Buffer; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiot-core-db-'));
  return { dir, file: path.join(dir, 'kiosk.db'), key: randomBytes(32), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
