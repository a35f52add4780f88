/**
 * Staff passwords: the rules a new password must meet, argon2id hashing, and one-time
 * passwords for new accounts. The common-password list is data (resources/), read once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash, verify } from '@node-rs/argon2';
import { KiotError } from '../../shared/result';
import { randomBelow } from '../crypto';
import type { RandomBytes } from '../ids';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for a passphrase, short enough that hashing cannot be used to burn CPU. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a password was refused; the console words each one (the error code is `password_weak`). */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

export type PasswordService = {
  /** The first problem with a proposed password, or null when it may be used. */
  problem(password: string, username: string): PasswordProblem | null;
  /** Throws `password_weak` naming the problem. */
  assertAcceptable(password: string, username: string): void;
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends the time a real verification would, for an unknown username, so that the answer's
   * timing does not tell which usernames exist.
   */
  verifyDummy(password: string): Promise<void>;
  /** A one-time password for a new account: 16 characters from a CSPRNG, easy to type. */
  newOneTimePassword(): string;
};

/**
 * Where the list is: resources/ when the hub runs from source, beside main.js in the bundled
 * hub (scripts/build-hub.ts copies it there).
 */
export function commonPasswordsFile(): string {
  // Paths, not URL objects: under a DOM test environment `URL` is the DOM's, which fs refuses.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', '..', 'resources', 'common-passwords.txt'), path.join(here, 'common-passwords.txt')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

/** The list as a set of lower-cased entries; `#` lines and blanks are skipped. */
export function loadCommonPasswords(file: string = commonPasswordsFile()): ReadonlySet<string> {
  const entries = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  return new Set(entries);
}

// No look-alikes (0/O, 1/l/I): an administrator may read it out over the phone.
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function createPasswordService(deps: { random: RandomBytes; commonPasswords: ReadonlySet<string> }): PasswordService {
  // Fixed once per process: verifying against it costs what verifying a real hash costs.
  let dummyHash: Promise<string> | null = null;

  const problem = (password: string, username: string): PasswordProblem | null => {
    // Characters as people count them, not UTF-16 units: "mậtkhẩu" is 7 letters.
    const length = [...password.normalize('NFC')].length;
    if (length < MIN_PASSWORD_LENGTH) return 'too_short';
    if (length > MAX_PASSWORD_LENGTH) return 'too_long';
    const lower = password.normalize('NFC').toLowerCase();
    if (deps.commonPasswords.has(lower)) return 'common';
    const name = username.trim().toLowerCase();
    if (name.length > 0 && lower.includes(name)) return 'contains_username';
    return null;
  };

  return {
    problem,
    assertAcceptable(password, username) {
      const found = problem(password, username);
      if (found !== null) throw new KiotError('password_weak', `Password refused: ${found}`);
    },
    hash: async (password) => hash(password.normalize('NFC')),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password.normalize('NFC'));
      } catch {
        // A malformed stored hash proves nothing: refuse rather than crash the sign-in.
        return false;
      }
    },
    async verifyDummy(password) {
      dummyHash ??= hash(deps.random(24).toString('base64url'));
      await verify(await dummyHash, password.normalize('NFC')).catch(() => false);
    },
    newOneTimePassword() {
      let out = '';
      for (let i = 0; i < 16; i += 1) out += ONE_TIME_ALPHABET[randomBelow(deps.random, ONE_TIME_ALPHABET.length)]!;
      return out;
    },
  };
}
