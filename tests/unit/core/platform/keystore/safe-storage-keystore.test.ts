import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageKeystore } from '../../../../../electron/core/platform/keystore/safe-storage-keystore';
import type { SafeStorageLike } from '../../../../../electron/core/platform/keystore/safe-storage-keystore';
import { createLogger } from '../../../../../shared/logger';
import type { LogEntry } from '../../../../../shared/logger';

/** Mimics Electron's async safeStorage: "encryption" is a reversible XOR with a secret, plus a marker. */
type FakeSafeStorage = SafeStorageLike & { backend: string; available: boolean; reEncrypt: boolean; secret: number; encrypts: number };

function fakeSafeStorage(backend = 'gnome_libsecret'): FakeSafeStorage {
  const fake: FakeSafeStorage = {
    backend,
    available: true,
    reEncrypt: false,
    secret: 0x5a,
    encrypts: 0,
    async isAsyncEncryptionAvailable() {
      return fake.available;
    },
    async encryptStringAsync(plainText) {
      fake.encrypts += 1;
      return Buffer.concat([Buffer.from('v11'), Buffer.from(plainText, 'utf8').map((b) => b ^ fake.secret)]);
    },
    async decryptStringAsync(encrypted) {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { shouldReEncrypt: fake.reEncrypt, result: Buffer.from(encrypted.subarray(3).map((b) => b ^ fake.secret)).toString('utf8') };
    },
    getSelectedStorageBackend() {
      return fake.backend;
    },
  };
  return fake;
}

describe('createSafeStorageKeystore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiot-ss-ks-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const file = (): string => path.join(dataDir, 'keystore.json');
  const stored = (): { version: number; backend: string; wrappedKeyBase64: string } => JSON.parse(readFileSync(file(), 'utf8'));

  it('creates a random key, stores it only wrapped, and unwraps the same key later (round trip)', async () => {
    const safeStorage = fakeSafeStorage();
    const keystore = createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' });
    expect(keystore.kind).toBe('safe-storage');
    expect(keystore.backend).toBe('gnome_libsecret');
    const key = await keystore.getOrCreateDbKey();
    expect(key).toHaveLength(32);

    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect(stored()).toMatchObject({ version: 1, backend: 'gnome_libsecret' });
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);

    const again = await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    expect(again.equals(key)).toBe(true);
    expect(safeStorage.encrypts).toBe(1);
  });

  it.each(['basic_text', 'unknown'])('refuses the %s backend on Linux with insecure_backend', async (backend) => {
    const keystore = createSafeStorageKeystore({ safeStorage: fakeSafeStorage(backend), dataDir, platform: 'linux' });
    await expect(keystore.getOrCreateDbKey()).rejects.toMatchObject({
      name: 'KeystoreError',
      code: 'insecure_backend',
      message: expect.stringContaining('IT: provision a keyring'),
    });
    expect(() => readFileSync(file())).toThrow(/ENOENT/);
  });

  it('refuses a backend that differs from the recorded one, without re-keying', async () => {
    const safeStorage = fakeSafeStorage('kwallet5');
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    const before = readFileSync(file(), 'utf8');
    safeStorage.backend = 'gnome_libsecret';
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'backend_changed',
      message: expect.stringContaining('"kwallet5"'),
    });
    expect(readFileSync(file(), 'utf8')).toBe(before);
    expect(safeStorage.encrypts).toBe(1);
  });

  it('uses the fixed backend names on Windows and macOS', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const win = createSafeStorageKeystore({ safeStorage, dataDir, platform: 'win32' });
    expect(win.backend).toBe('dpapi');
    await win.getOrCreateDbKey();
    expect(stored().backend).toBe('dpapi');
    // The same file read on "macOS" is a backend change.
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'darwin' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'backend_changed',
    });
  });

  it('fails with unavailable when async encryption is not available', async () => {
    const safeStorage = fakeSafeStorage();
    safeStorage.available = false;
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('fails with unavailable when the keyring cannot decrypt, and keeps the file', async () => {
    const safeStorage = fakeSafeStorage();
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    writeFileSync(file(), JSON.stringify({ ...stored(), wrappedKeyBase64: Buffer.from('garbage').toString('base64') }));
    const unreadable = readFileSync(file(), 'utf8');
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'unavailable',
    });
    // Never replaced by a fresh key: that would orphan the database.
    expect(readFileSync(file(), 'utf8')).toBe(unreadable);
    expect(safeStorage.encrypts).toBe(1);
  });

  it('refuses a corrupt keystore file', async () => {
    writeFileSync(file(), '{"version":2}');
    await expect(
      createSafeStorageKeystore({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getOrCreateDbKey(),
    ).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('rewraps the same key when the keyring asks for re-encryption', async () => {
    const safeStorage = fakeSafeStorage();
    const key = await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    safeStorage.reEncrypt = true;
    safeStorage.secret = 0x33; // the keyring's new key: old ciphertext still decrypts in a real keyring
    writeFileSync(
      file(),
      JSON.stringify({
        ...stored(),
        wrappedKeyBase64: Buffer.concat([Buffer.from('v11'), Buffer.from(key.toString('hex')).map((b) => b ^ 0x33)]).toString('base64'),
      }),
    );
    const again = await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    expect(again.equals(key)).toBe(true);
    expect(safeStorage.encrypts).toBe(2);
    safeStorage.reEncrypt = false;
    expect((await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).equals(key)).toBe(true);
  });
  it.each([
    ['63 hex digits', 'a'.repeat(63)],
    ['65 hex digits', 'a'.repeat(65)],
    ['64 characters, not all hex', `${'a'.repeat(63)}g`],
    ['empty', ''],
  ])('refuses a wrapped key that unwraps to %s as corrupt, and keeps the file', async (_label, unwrapped) => {
    const safeStorage = fakeSafeStorage();
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    writeFileSync(
      file(),
      JSON.stringify({ ...stored(), wrappedKeyBase64: Buffer.concat([Buffer.from('v11'), Buffer.from(unwrapped).map((b) => b ^ safeStorage.secret)]).toString('base64') }),
    );
    const before = readFileSync(file(), 'utf8');
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'corrupt',
    });
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });

  it.each([
    ['an empty backend', { backend: '' }],
    ['an empty wrapped key', { wrappedKeyBase64: '' }],
  ])('refuses a keystore file with %s as corrupt', async (_label, change) => {
    const safeStorage = fakeSafeStorage();
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    writeFileSync(file(), JSON.stringify({ ...stored(), ...change }));
    await expect(createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey()).rejects.toMatchObject({
      code: 'corrupt',
    });
  });
  it('names the macOS backend keychain and records it in the file', async () => {
    const safeStorage = fakeSafeStorage('basic_text');
    const mac = createSafeStorageKeystore({ safeStorage, dataDir, platform: 'darwin' });
    expect(mac.backend).toBe('keychain');
    await mac.getOrCreateDbKey();
    expect(stored().backend).toBe('keychain');
  });

  it('keeps the keyring failure as the cause when the key cannot be unwrapped', async () => {
    const safeStorage = fakeSafeStorage();
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' }).getOrCreateDbKey();
    writeFileSync(file(), JSON.stringify({ ...stored(), wrappedKeyBase64: Buffer.from('garbage').toString('base64') }));
    const failure = await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux' })
      .getOrCreateDbKey()
      .then(() => null, (err: unknown) => err);
    expect(failure).toMatchObject({ code: 'unavailable', cause: { message: expect.stringContaining('decrypting') } });
  });

  it('logs a new key and a rewrap with the backend only, never the key', async () => {
    const entries: LogEntry[] = [];
    const logger = createLogger('test', (e) => entries.push(e));
    const safeStorage = fakeSafeStorage();
    const key = await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux', logger }).getOrCreateDbKey();
    safeStorage.reEncrypt = true;
    await createSafeStorageKeystore({ safeStorage, dataDir, platform: 'linux', logger }).getOrCreateDbKey();
    expect(entries.map((e) => [e.msg, e.data])).toEqual([
      ['created a new database key', { backend: 'gnome_libsecret' }],
      ['rewrapped the database key after a keyring key rotation', { backend: 'gnome_libsecret' }],
    ]);
    expect(JSON.stringify(entries)).not.toContain(key.toString('hex'));
  });
});
