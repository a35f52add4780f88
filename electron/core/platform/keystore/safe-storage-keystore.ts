import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../../../shared/logger';
import { silentLogger } from '../../../../shared/logger';
import type { Keystore } from '../../api';
import { DB_KEY_BYTES, DB_KEY_HEX, defaultRandomBytes, readIfExists, writeKeyFile } from './key-file';
import type { RandomBytes } from './key-file';
import { KeystoreError } from './keystore-error';

/**
 * The part of Electron's `safeStorage` (Electron 45, asynchronous API) the keystore uses.
 * Structural, so that core does not import 'electron' and tests pass a fake.
 */
export type SafeStorageLike = {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only; the others have one fixed backend each. */
  getSelectedStorageBackend(): string;
};

export const SAFE_STORAGE_KEYSTORE_FILE = 'keystore.json';

/** Linux backends that do not actually protect the key: `basic_text` uses a hard-coded password. */
const INSECURE_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

const KeystoreFile = z.object({
  version: z.literal(1),
  backend: z.string().min(1),
  wrappedKeyBase64: z.string().min(1),
});
type KeystoreFile = z.infer<typeof KeystoreFile>;

export type SafeStorageKeystoreDeps = {
  safeStorage: SafeStorageLike;
  dataDir: string;
  platform: NodeJS.Platform;
  logger?: Logger;
  randomBytes?: RandomBytes;
};

function backendFor(platform: NodeJS.Platform, safeStorage: SafeStorageLike): string {
  switch (platform) {
    case 'win32':
      return 'dpapi';
    case 'darwin':
      return 'keychain';
    default:
      return safeStorage.getSelectedStorageBackend();
  }
}

/**
 * The production keystore: a random 32-byte key that exists on disk only wrapped by the
 * OS keyring through `safeStorage`. Create it after Electron's `ready` (before that, the
 * Linux backend reads as `unknown` and is refused).
 */
export function createSafeStorageKeystore(deps: SafeStorageKeystoreDeps): Keystore {
  const { safeStorage, platform } = deps;
  const logger = (deps.logger ?? silentLogger).child('keystore');
  const randomBytes = deps.randomBytes ?? defaultRandomBytes;
  const file = path.join(deps.dataDir, SAFE_STORAGE_KEYSTORE_FILE);
  let key: Promise<Buffer> | undefined;

  const save = async (backend: string, dbKey: Buffer): Promise<void> => {
    const wrapped = await safeStorage.encryptStringAsync(dbKey.toString('hex'));
    const contents: KeystoreFile = { version: 1, backend, wrappedKeyBase64: wrapped.toString('base64') };
    await writeKeyFile(file, `${JSON.stringify(contents, null, 2)}\n`);
  };

  const load = async (): Promise<Buffer> => {
    const backend = backendFor(platform, safeStorage);
    if (platform === 'linux' && INSECURE_LINUX_BACKENDS.has(backend)) {
      throw new KeystoreError(
        'insecure_backend',
        `safeStorage backend is "${backend}", which does not protect the database key. ` +
          'IT: provision a keyring (GNOME Keyring / libsecret or KWallet) for the kiosk user and start Kiot again.',
      );
    }

    const text = await readIfExists(file);
    let stored: KeystoreFile | null = null;
    if (text !== null) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new KeystoreError('corrupt', `${file} is not valid JSON`, { cause: err });
      }
      const parsed = KeystoreFile.safeParse(json);
      if (!parsed.success) throw new KeystoreError('corrupt', `${file} is not a Kiot keystore file`);
      stored = parsed.data;
      // Checked before touching the keyring: a different backend cannot unwrap the key,
      // and making a new one would orphan the database. IT has to look at this machine.
      if (stored.backend !== backend) {
        throw new KeystoreError(
          'backend_changed',
          `The database key was wrapped with the "${stored.backend}" keyring backend but this session uses "${backend}". ` +
            'IT: restore the original keyring (or desktop session); Kiot will not create a new key over the existing database.',
        );
      }
    }

    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new KeystoreError('unavailable', `The OS keyring (${backend}) is not available; the database key cannot be unwrapped.`);
    }

    if (stored === null) {
      const fresh = randomBytes(DB_KEY_BYTES);
      await save(backend, fresh);
      logger.info('created a new database key', { backend });
      return fresh;
    }

    let decrypted: { shouldReEncrypt: boolean; result: string };
    try {
      decrypted = await safeStorage.decryptStringAsync(Buffer.from(stored.wrappedKeyBase64, 'base64'));
    } catch (err) {
      throw new KeystoreError('unavailable', `The OS keyring (${backend}) could not unwrap the database key.`, { cause: err });
    }
    if (!DB_KEY_HEX.test(decrypted.result)) throw new KeystoreError('corrupt', `${file} does not unwrap to a database key`);
    const dbKey = Buffer.from(decrypted.result, 'hex');
    if (decrypted.shouldReEncrypt) {
      // The keyring rotated its own key: rewrap the same database key. The database is untouched.
      await save(backend, dbKey);
      logger.info('rewrapped the database key after a keyring key rotation', { backend });
    }
    return dbKey;
  };

  return {
    kind: 'safe-storage',
    get backend() {
      return backendFor(platform, safeStorage);
    },
    getOrCreateDbKey() {
      key ??= load().catch((err: unknown) => {
        key = undefined;
        throw err;
      });
      return key.then((k) => Buffer.from(k));
    },
  };
}
