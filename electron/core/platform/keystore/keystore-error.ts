/**
 * Why the database key could not be obtained. The code tells the composition root which
 * screen to show; all of them stop the kiosk, since it must not run unencrypted.
 */
export type KeystoreErrorCode =
  /** Linux with no real keyring (`basic_text`, or `unknown` before app ready): IT must provision a keyring. */
  | 'insecure_backend'
  /** The OS backend differs from the one the key was wrapped with: IT must investigate, never a silent re-key. */
  | 'backend_changed'
  /** The OS refuses to encrypt or decrypt (keyring locked or missing). */
  | 'unavailable'
  /** The keystore file exists but cannot be read as a key. */
  | 'corrupt'
  /** The development file keystore was asked for in a packaged build. */
  | 'dev_keystore_in_packaged_build';

export class KeystoreError extends Error {
  readonly code: KeystoreErrorCode;

  constructor(code: KeystoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeystoreError';
    this.code = code;
  }
}
