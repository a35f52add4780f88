/**
 * The key-file helpers both keystores write and read the database key through, tested
 * directly: what mutation testing (issue 12) found no test held them to. A wrong answer here
 * either leaks the key (a looser file or folder) or loses it (a half-written file, a key
 * accepted that is not 32 bytes).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevFileKeystore } from '../../../../../electron/core/platform/keystore/dev-file-keystore';
import { DB_KEY_HEX, readIfExists, writeKeyFile } from '../../../../../electron/core/platform/keystore/key-file';

const posix = process.platform !== 'win32';

describe('key-file helpers', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'kiot-key-file-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('DB_KEY_HEX takes exactly 64 lowercase hex digits and nothing around them', () => {
    const key = '0123456789abcdef'.repeat(4);
    expect(DB_KEY_HEX.test(key)).toBe(true);
    for (const wrong of [key.slice(1), `${key}0`, `x${key}`, `${key}x`, key.toUpperCase(), `${key.slice(1)}g`, '']) {
      expect(DB_KEY_HEX.test(wrong), wrong).toBe(false);
    }
  });

  it('the dev keystore refuses a stored key one digit short or long, or with text around it', async () => {
    const dataDir = path.join(base, 'data');
    mkdirSync(dataDir);
    const key = 'ab'.repeat(32);
    for (const wrong of [key.slice(1), `${key}a`, `0x${key}`, `${key} `]) {
      writeFileSync(path.join(dataDir, 'dev-keystore.json'), JSON.stringify({ dbKeyHex: wrong }));
      await expect(createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey(), wrong).rejects.toMatchObject({ code: 'corrupt' });
    }
  });

  it('the dev keystore calls a file without the key field corrupt, not a crash', async () => {
    const dataDir = path.join(base, 'data');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'dev-keystore.json'), '{"other":1}');
    await expect(createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey()).rejects.toMatchObject({
      name: 'KeystoreError',
      code: 'corrupt',
    });
  });

  it('the dev keystore tries again after a failure instead of remembering it', async () => {
    const dataDir = path.join(base, 'data');
    mkdirSync(dataDir);
    const file = path.join(dataDir, 'dev-keystore.json');
    writeFileSync(file, 'not json');
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    await expect(keystore.getOrCreateDbKey()).rejects.toMatchObject({ code: 'corrupt' });
    const hex = 'cd'.repeat(32);
    writeFileSync(file, JSON.stringify({ dbKeyHex: hex }));
    expect((await keystore.getOrCreateDbKey()).toString('hex')).toBe(hex);
  });

  it('readIfExists returns null only for a missing file, and the text of one that exists', async () => {
    expect(await readIfExists(path.join(base, 'missing.json'))).toBeNull();
    writeFileSync(path.join(base, 'here.json'), 'hello');
    expect(await readIfExists(path.join(base, 'here.json'))).toBe('hello');
    // A folder where the file should be is an error to report, never "no key yet".
    mkdirSync(path.join(base, 'folder.json'));
    await expect(readIfExists(path.join(base, 'folder.json'))).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('writeKeyFile creates the missing folders owner-only and the file with exactly 0600', async () => {
    const file = path.join(base, 'a', 'b', 'key.json');
    await writeKeyFile(file, 'secret\n');
    expect(readFileSync(file, 'utf8')).toBe('secret\n');
    if (posix) {
      expect(statSync(path.join(base, 'a')).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(base, 'a', 'b')).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    // Nothing but the key file is left: the temporary file was renamed onto it.
    expect(readdirSync(path.join(base, 'a', 'b'))).toEqual(['key.json']);
  });

  it('writeKeyFile replaces an existing key file whole', async () => {
    const file = path.join(base, 'key.json');
    writeFileSync(file, 'old contents that are longer than the new ones');
    await writeKeyFile(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(base)).toEqual(['key.json']);
  });

  it('writeKeyFile that cannot put the file in place fails and leaves no temporary copy of the key', async () => {
    // A non-empty folder where the key file should go: the final rename fails.
    const file = path.join(base, 'key.json');
    mkdirSync(file);
    writeFileSync(path.join(file, 'inside'), 'x');
    await expect(writeKeyFile(file, 'secret\n')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });
    expect(readdirSync(base)).toEqual(['key.json']);
  });
});
