import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevFileKeystore } from '../../../../../electron/core/platform/keystore/dev-file-keystore';
import { KeystoreError } from '../../../../../electron/core/platform/keystore/keystore-error';

describe('createDevFileKeystore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'kiot-dev-ks-')), 'nested', 'data');
  });
  afterEach(() => rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true }));

  it('creates a 32-byte key as hex in dev-keystore.json (mode 0600) on first use', async () => {
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    expect(keystore.kind).toBe('dev-file');
    expect(keystore.backend).toBe('dev-file');
    const key = await keystore.getOrCreateDbKey();
    expect(key).toHaveLength(32);
    const file = path.join(dataDir, 'dev-keystore.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ dbKeyHex: key.toString('hex') });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('returns the same key afterwards, across instances and concurrent first calls', async () => {
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    const [a, b] = await Promise.all([keystore.getOrCreateDbKey(), keystore.getOrCreateDbKey()]);
    expect(a.equals(b)).toBe(true);
    const c = await createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey();
    expect(c.equals(a)).toBe(true);
  });

  it('hands out copies, so zeroing one does not damage the next', async () => {
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    const a = await keystore.getOrCreateDbKey();
    const hex = a.toString('hex');
    a.fill(0);
    expect((await keystore.getOrCreateDbKey()).toString('hex')).toBe(hex);
  });

  it('reads an existing key written by hand', async () => {
    const hex = 'ab'.repeat(32);
    const keystore = createDevFileKeystore({ dataDir, packaged: false });
    await keystore.getOrCreateDbKey();
    writeFileSync(path.join(dataDir, 'dev-keystore.json'), JSON.stringify({ dbKeyHex: hex }));
    expect((await createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey()).toString('hex')).toBe(hex);
  });

  it.each(['not json', '{"dbKeyHex":"abc"}', '{"key":"' + 'ab'.repeat(32) + '"}'])('refuses a corrupt file %j', async (contents) => {
    await createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey();
    writeFileSync(path.join(dataDir, 'dev-keystore.json'), contents);
    await expect(createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey()).rejects.toMatchObject({
      name: 'KeystoreError',
      code: 'corrupt',
    });
  });

  it('fails, and makes no new key, when the key file exists but cannot be read', async () => {
    // A new key here would orphan the encrypted database for good; only "no file" may mint one.
    // A link that loops: reading it fails (ELOOP), yet a new file could be renamed over it.
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'dev-keystore.json');
    symlinkSync(file, file);
    await expect(createDevFileKeystore({ dataDir, packaged: false }).getOrCreateDbKey()).rejects.toThrow(/ELOOP/);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['dev-keystore.json']);
  });

  it('is refused in packaged builds', () => {
    expect(() => createDevFileKeystore({ dataDir, packaged: true })).toThrow(KeystoreError);
    expect(() => createDevFileKeystore({ dataDir, packaged: true })).toThrow(/refused in packaged builds/);
  });
});
