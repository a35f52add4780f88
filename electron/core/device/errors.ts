/**
 * Why this device cannot serve: the composition root shows IT a page for each of these
 * and does not retry on its own, since none of them heals without a person.
 */
export type EnrollmentErrorCode = 'no_code' | 'rejected' | 'hub_unavailable';

/** The device has no identity and could not get one. */
export class EnrollmentError extends Error {
  readonly code: EnrollmentErrorCode;

  constructor(code: EnrollmentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnrollmentError';
    this.code = code;
  }
}

/**
 * The keystore protecting the database key is not the one recorded when the device was
 * enrolled. Something changed under the kiosk (a new keyring, `KIOT_KEYSTORE` switched, a
 * data directory copied from another machine): it stops rather than carry on or re-key.
 */
export class KeystoreBackendChangedError extends Error {
  readonly recorded: string;
  readonly current: string;

  constructor(recorded: string, current: string) {
    super(
      `This device was enrolled with the "${recorded}" keystore backend but now runs with "${current}". ` +
        'IT: restore the original keystore (the keyring of the kiosk user, or the KIOT_KEYSTORE setting); ' +
        "if that is impossible, delete Kiot's data directory and enroll the device again with a new code.",
    );
    this.name = 'KeystoreBackendChangedError';
    this.recorded = recorded;
    this.current = current;
  }
}
