import path from 'node:path';
import { z } from 'zod';
import type { Keystore } from '../../api';
import { DB_KEY_BYTES, DB_KEY_HEX, defaultRandomBytes, readIfExists, writeKeyFile } from './key-file';
import type { RandomBytes } from './key-file';
import { KeystoreError } from './keystore-error';

export const DEV_KEYSTORE_FILE = 'dev-keystore.json';

const DevKeystoreFile = z.object({ dbKeyHex: z.string().regex(DB_KEY_HEX) });

export type DevFileKeystoreDeps = { dataDir: string; packaged: boolean; randomBytes?: RandomBytes };

/**
 * Development and test keystore: the raw key in plain hex next to the database, so that
 * a developer can open the file with the sqlcipher CLI. It protects nothing, which is why
 * a packaged build refuses it.
 */
export function createDevFileKeystore(deps: DevFileKeystoreDeps): Keystore {
  if (deps.packaged) {
    throw new KeystoreError(
      'dev_keystore_in_packaged_build',
      'KIOT_KEYSTORE=dev-file keeps the database key unprotected and is refused in packaged builds; use safe-storage.',
    );
  }
  const file = path.join(deps.dataDir, DEV_KEYSTORE_FILE);
  const randomBytes = deps.randomBytes ?? defaultRandomBytes;
  let key: Promise<Buffer> | undefined;

  const load = async (): Promise<Buffer> => {
    const text = await readIfExists(file);
    if (text === null) {
      const fresh = randomBytes(DB_KEY_BYTES);
      await writeKeyFile(file, `${JSON.stringify({ dbKeyHex: fresh.toString('hex') }, null, 2)}\n`);
      return fresh;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new KeystoreError('corrupt', `${file} is not valid JSON`, { cause: err });
    }
    const parsed = DevKeystoreFile.safeParse(json);
    if (!parsed.success) throw new KeystoreError('corrupt', `${file} must hold { "dbKeyHex": "<64 lowercase hex digits>" }`);
    return Buffer.from(parsed.data.dbKeyHex, 'hex');
  };

  return {
    kind: 'dev-file',
    backend: 'dev-file',
    getOrCreateDbKey() {
      // Memoized so that two concurrent first calls cannot create two different keys.
      key ??= load().catch((err: unknown) => {
        key = undefined;
        throw err;
      });
      return key.then((k) => Buffer.from(k));
    },
  };
}
