/**
 * Staff accounts and sign-in: password (argon2id) then a code by SMS, a session bound to the
 * manager workstation that signed in, lock-out after repeated failures, an idle lock that the
 * password alone lifts, and the one-time password every new account must replace first.
 */
import type { StaffRole } from '../../shared/domain';
import type { StaffSessionResponse, StaffSignInResponse, StaffVerifyResponse } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { KiotError } from '../../shared/result';
import { staffSignInCodeMessage } from '../adapters/sms/messages';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import { digestsEqual, hmacSha256Base64url, newOtpCode, newSecret, sha256Base64url } from '../crypto';
import type { HubDb } from '../db/connect';
import {
  clearStaffPasswordFailures,
  consumeStaffSignInChallenge,
  countStaffChallengeAttempt,
  findStaffAccountByUsername,
  findStaffSessionWithAccount,
  getStaffAccount,
  getStaffSession,
  getStaffSignInChallenge,
  insertStaffCredential,
  insertStaffSession,
  insertStaffSignInChallenge,
  lockStaffSession,
  recordStaffPasswordFailure,
  retireStaffSignInChallenges,
  revokeOtherStaffSessions,
  revokeStaffSession,
  setStaffPassword,
  touchStaffSession,
  unlockStaffSession,
} from '../db/staff-auth';
import type { StaffAccount, StaffSessionRow } from '../db/staff-auth';
import { getBuilding } from '../db/residents';
import { insertStaffMember } from '../db/staff';
import type { IdGenerator, RandomBytes } from '../ids';
import type { AuthenticatedDevice } from './devices';
import type { PasswordService } from './passwords';

export type StaffAuthLimits = {
  /** Wrong passwords in a row before the account locks. */
  maxPasswordFailures: number;
  lockoutSeconds: number;
  codeValiditySeconds: number;
  maxCodeAttempts: number;
  /** Hard cap of a session, whatever the activity. */
  sessionSeconds: number;
  /** Without a request for this long, the session locks. */
  idleSeconds: number;
  /** `last_seen_at` is written at most this often per session: one write per request would be waste. */
  touchEverySeconds: number;
  /**
   * Failed sign-ins (any username) one workstation may make per window before it must wait:
   * the per-account lock-out alone would let one device try a common password on every account.
   */
  deviceFailures: { windowSeconds: number; max: number };
};

export const defaultStaffAuthLimits: StaffAuthLimits = {
  maxPasswordFailures: 5,
  lockoutSeconds: 15 * 60,
  codeValiditySeconds: 5 * 60,
  maxCodeAttempts: 5,
  sessionSeconds: 12 * 60 * 60,
  idleSeconds: 10 * 60,
  touchEverySeconds: 15,
  deviceFailures: { windowSeconds: 15 * 60, max: 20 },
};

export type NewStaffAccount = {
  /** Null: one of the operator's own administrators, for every building. */
  buildingId: string | null;
  username: string;
  fullName: string;
  role: StaffRole;
  /** A Vietnamese number in any usual spelling; stored as E.164. */
  phone: string;
  email?: string;
};

/** What the route hook hands to staff route handlers. */
export type AuthenticatedStaff = { staffId: string; role: StaffRole; buildingId: string | null; sessionId: string };

export type StaffAuthService = {
  /** A new account with a one-time password that must be changed at first sign-in. */
  createAccount(input: NewStaffAccount): Promise<{ staffId: string; oneTimePassword: string }>;
  signIn(input: { username: string; password: string; device: AuthenticatedDevice }): Promise<StaffSignInResponse>;
  verify(input: { challengeId: string; code: string; device: AuthenticatedDevice }): Promise<StaffVerifyResponse>;
  /**
   * The staff caller of a route open to `roles`, or a typed refusal. `session: 'any'` lets a
   * locked session or a pending password change through (the routes that end those states).
   */
  authenticate(authorization: string | undefined, device: AuthenticatedDevice, declared: { roles: readonly StaffRole[]; session?: 'any' }): Promise<AuthenticatedStaff>;
  changePassword(staff: AuthenticatedStaff, input: { currentPassword: string; newPassword: string }): Promise<void>;
  unlock(staff: AuthenticatedStaff, password: string): Promise<StaffSessionResponse>;
  signOut(staff: AuthenticatedStaff): Promise<void>;
  me(staff: AuthenticatedStaff): Promise<StaffSessionResponse>;
};

export type StaffAuthDeps = {
  db: HubDb;
  clock: () => Date;
  random: RandomBytes;
  newId: IdGenerator;
  sms: SmsAdapter;
  passwords: PasswordService;
  hmacKey: Buffer;
  logger: Logger;
  limits?: Partial<StaffAuthLimits>;
};

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased and trimmed: the form usernames are stored and looked up in. */
export function normalizeUsername(input: string): string {
  return input.trim().toLowerCase();
}

type SessionCheck = { allowLocked: boolean; allowPasswordChange: boolean };

export function createStaffAuthService(deps: StaffAuthDeps): StaffAuthService {
  const { db, clock, random, newId, sms, passwords, hmacKey, logger } = deps;
  const limits: StaffAuthLimits = { ...defaultStaffAuthLimits, ...deps.limits };
  const codeHmac = (challengeId: string, code: string): string => hmacSha256Base64url(hmacKey, `staff-otp:${challengeId}:${code}`);
  // One answer for every way a sign-in can be wrong, so it tells nothing about which usernames exist.
  const badCredentials = (): KiotError => new KiotError('unauthorized', 'Wrong username or password');
  const noSession = (): KiotError => new KiotError('unauthorized', 'Missing, expired or invalid staff session');

  // Per hub process, like the enrollment throttle: several hubs each allow their own share.
  const deviceFailures = new Map<string, number[]>();
  const recentFailures = (deviceId: string, now: Date): number[] => {
    const since = now.getTime() - limits.deviceFailures.windowSeconds * 1000;
    const kept = (deviceFailures.get(deviceId) ?? []).filter((at) => at > since);
    if (kept.length === 0) deviceFailures.delete(deviceId);
    else deviceFailures.set(deviceId, kept);
    return kept;
  };
  const assertDeviceMayTry = (deviceId: string, now: Date): void => {
    const recent = recentFailures(deviceId, now);
    if (recent.length < limits.deviceFailures.max) return;
    const retryAt = recent[recent.length - limits.deviceFailures.max]! + limits.deviceFailures.windowSeconds * 1000;
    throw new KiotError('rate_limited', 'Too many failed sign-ins from this workstation', { retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) });
  };
  const deviceFailed = (deviceId: string, now: Date): void => {
    deviceFailures.set(deviceId, [...recentFailures(deviceId, now), now.getTime()]);
  };

  const lockedError = (lockedUntil: string, now: Date): KiotError =>
    new KiotError('account_locked', 'Too many failed attempts: the account is locked for a while', {
      retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000)),
    });

  const isLocked = (account: StaffAccount, now: Date): boolean => account.locked_until !== null && Date.parse(account.locked_until) > now.getTime();

  /** Counts a wrong password; throws the lock-out when this one locked the account, else `otherwise`. */
  const passwordFailed = async (account: StaffAccount, now: Date, otherwise: KiotError): Promise<never> => {
    const lockUntil = new Date(now.getTime() + limits.lockoutSeconds * 1000).toISOString();
    const locked = await recordStaffPasswordFailure(db, account.staff_id, limits.maxPasswordFailures, lockUntil, now.toISOString());
    if (locked !== null) {
      logger.warn('Staff account locked after repeated password failures', { staffId: account.staff_id });
      throw lockedError(locked, now);
    }
    throw otherwise;
  };

  const summary = (account: StaffAccount, session: StaffSessionRow, locked: boolean): StaffSessionResponse => ({
    staff: { id: account.staff_id, fullName: account.full_name, role: account.role, buildingId: account.building_id },
    mustChangePassword: account.must_change_password === 1,
    expiresAt: session.expires_at,
    locked,
  });

  /** The session and account behind an authenticated staff caller, read again for the routes that change them. */
  const current = async (staff: AuthenticatedStaff): Promise<{ session: StaffSessionRow; account: StaffAccount }> => {
    const row = await getStaffSession(db, staff.sessionId);
    const account = await getStaffAccount(db, staff.staffId);
    if (!row || !account) throw noSession();
    return { session: row, account };
  };

  const session = async (authorization: string | undefined, device: AuthenticatedDevice, check: SessionCheck): Promise<{ session: StaffSessionRow; account: StaffAccount; locked: boolean }> => {
    const match = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(authorization ?? '');
    if (!match) throw noSession();
    const found = await findStaffSessionWithAccount(db, sha256Base64url(match[1]!));
    if (!found) throw noSession();
    const now = clock();
    const { session: row, account } = found;
    if (row.revoked_at !== null || Date.parse(row.expires_at) <= now.getTime()) throw noSession();
    // A token copied off one workstation is useless on any other device.
    if (row.device_id !== device.id || device.mode !== 'manager') throw noSession();
    if (account.disabled_at !== null) throw noSession();
    // Staff of one building never work from another building's workstation.
    if (account.building_id !== null && account.building_id !== device.buildingId) throw noSession();
    const idle = now.getTime() - Date.parse(row.last_seen_at) >= limits.idleSeconds * 1000;
    const locked = row.locked_at !== null || idle;
    if (locked) {
      if (row.locked_at === null) await lockStaffSession(db, row.id, now.toISOString());
      if (!check.allowLocked) throw new KiotError('session_locked', 'The session is locked: enter the password to continue');
    } else if (now.getTime() - Date.parse(row.last_seen_at) >= limits.touchEverySeconds * 1000) {
      await touchStaffSession(db, row.id, now.toISOString());
    }
    if (account.must_change_password === 1 && !check.allowPasswordChange) {
      throw new KiotError('password_change_required', 'Change the one-time password before anything else');
    }
    return { session: row, account, locked };
  };

  return {
    async createAccount(input) {
      const username = normalizeUsername(input.username);
      if (!USERNAME.test(username)) throw new KiotError('invalid_input', 'A username is 3 to 64 letters, digits, dots, dashes or underscores');
      const fullName = input.fullName.trim();
      if (fullName.length === 0 || fullName.length > 200) throw new KiotError('invalid_input', 'A staff name must be 1 to 200 characters');
      const phone = normalizeVietnamesePhone(input.phone);
      if (phone === null) throw new KiotError('phone_not_vietnamese', 'The staff phone must be a Vietnamese number');
      const email = input.email?.trim();
      if (email !== undefined && !EMAIL.test(email)) throw new KiotError('email_invalid', 'Not an email address');
      if (input.buildingId !== null && !(await getBuilding(db, input.buildingId))) throw new KiotError('not_found', 'No such building');
      const oneTimePassword = passwords.newOneTimePassword();
      const passwordHash = await passwords.hash(oneTimePassword);
      const staffId = newId();
      const now = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        if (await findStaffAccountByUsername(trx, username)) throw new KiotError('wrong_state', 'That username is taken');
        await insertStaffMember(trx, { id: staffId, building_id: input.buildingId, full_name: fullName, role: input.role, created_at: now });
        await insertStaffCredential(trx, {
          staff_id: staffId,
          username,
          password_hash: passwordHash,
          must_change_password: 1,
          phone_e164: phone,
          email: email ?? null,
          failed_attempts: 0,
          locked_until: null,
          disabled_at: null,
          password_changed_at: now,
          updated_at: now,
        });
      });
      logger.info('Staff account created', { staffId, role: input.role });
      return { staffId, oneTimePassword };
    },

    async signIn({ username, password, device }) {
      const now = clock();
      assertDeviceMayTry(device.id, now);
      const account = await findStaffAccountByUsername(db, normalizeUsername(username));
      if (!account || account.disabled_at !== null) {
        await passwords.verifyDummy(password);
        deviceFailed(device.id, now);
        throw badCredentials();
      }
      if (isLocked(account, now)) throw lockedError(account.locked_until!, now);
      const matches = await passwords.verify(account.password_hash, password);
      if (!matches) {
        deviceFailed(device.id, now);
        return passwordFailed(account, now, badCredentials());
      }
      // The right password from another building's workstation is still no sign-in here.
      if (account.building_id !== null && account.building_id !== device.buildingId) throw badCredentials();
      await clearStaffPasswordFailures(db, account.staff_id, now.toISOString());

      const challengeId = newId();
      const code = newOtpCode(random);
      const expiresAt = new Date(now.getTime() + limits.codeValiditySeconds * 1000).toISOString();
      await db.transaction().execute(async (trx) => {
        await retireStaffSignInChallenges(trx, account.staff_id, now.toISOString());
        await insertStaffSignInChallenge(trx, {
          id: challengeId,
          staff_id: account.staff_id,
          device_id: device.id,
          code_hmac: codeHmac(challengeId, code),
          attempts: 0,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          consumed_at: null,
        });
      });
      try {
        await sms.send(account.phone_e164, staffSignInCodeMessage(code, Math.round(limits.codeValiditySeconds / 60)));
      } catch (err) {
        logger.error('Staff sign-in code could not be sent', { staffId: account.staff_id, error: String(err) });
        throw new KiotError('hub_unavailable', 'The sign-in code could not be sent; try again shortly');
      }
      return { challengeId, expiresAt };
    },

    async verify({ challengeId, code, device }) {
      const now = clock();
      const challenge = await getStaffSignInChallenge(db, challengeId);
      if (!challenge || challenge.device_id !== device.id || challenge.consumed_at !== null || Date.parse(challenge.expires_at) <= now.getTime()) {
        throw new KiotError('code_expired', 'This sign-in code is no longer valid: sign in again');
      }
      if (challenge.attempts >= limits.maxCodeAttempts) throw new KiotError('code_locked', 'Too many wrong codes: sign in again');
      if (!digestsEqual(codeHmac(challenge.id, code), challenge.code_hmac)) {
        const attempts = await countStaffChallengeAttempt(db, challenge.id);
        const attemptsLeft = Math.max(0, limits.maxCodeAttempts - attempts);
        if (attemptsLeft === 0) throw new KiotError('code_locked', 'Too many wrong codes: sign in again');
        throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft });
      }
      if (!(await consumeStaffSignInChallenge(db, challenge.id, now.toISOString()))) throw new KiotError('code_expired', 'This sign-in code was already used');
      const account = await getStaffAccount(db, challenge.staff_id);
      if (!account || account.disabled_at !== null) throw badCredentials();
      if (isLocked(account, now)) throw lockedError(account.locked_until!, now);

      const token = newSecret(random);
      const row: StaffSessionRow = {
        id: newId(),
        token_hash: sha256Base64url(token),
        staff_id: account.staff_id,
        device_id: device.id,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + limits.sessionSeconds * 1000).toISOString(),
        locked_at: null,
        revoked_at: null,
      };
      await insertStaffSession(db, row);
      logger.info('Staff signed in', { staffId: account.staff_id, deviceId: device.id });
      return { token, ...summary(account, row, false) };
    },

    async authenticate(authorization, device, declared) {
      const open = declared.session === 'any';
      const found = await session(authorization, device, { allowLocked: open, allowPasswordChange: open });
      if (!declared.roles.includes(found.account.role)) throw new KiotError('forbidden', 'This role may not do that');
      return { staffId: found.account.staff_id, role: found.account.role, buildingId: found.account.building_id, sessionId: found.session.id };
    },

    async changePassword(staff, input) {
      const { session: row, account } = await current(staff);
      if (row.locked_at !== null) throw new KiotError('session_locked', 'The session is locked: enter the password to continue');
      const now = clock();
      if (isLocked(account, now)) throw lockedError(account.locked_until!, now);
      if (!(await passwords.verify(account.password_hash, input.currentPassword))) await passwordFailed(account, now, badCredentials());
      passwords.assertAcceptable(input.newPassword, account.username);
      if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) throw new KiotError('password_weak', 'Password refused: unchanged');
      const newHash = await passwords.hash(input.newPassword);
      await db.transaction().execute(async (trx) => {
        await setStaffPassword(trx, account.staff_id, newHash, false, now.toISOString());
        // Whoever else is signed in with the old password is signed out.
        await revokeOtherStaffSessions(trx, account.staff_id, row.id, now.toISOString());
      });
      logger.info('Staff password changed', { staffId: account.staff_id });
    },

    async unlock(staff, password) {
      const found = await current(staff);
      const now = clock();
      if (isLocked(found.account, now)) throw lockedError(found.account.locked_until!, now);
      if (!(await passwords.verify(found.account.password_hash, password))) await passwordFailed(found.account, now, badCredentials());
      await clearStaffPasswordFailures(db, found.account.staff_id, now.toISOString());
      await unlockStaffSession(db, found.session.id, now.toISOString());
      return summary(found.account, found.session, false);
    },

    async signOut(staff) {
      await revokeStaffSession(db, staff.sessionId, clock().toISOString());
    },

    async me(staff) {
      const found = await current(staff);
      return summary(found.account, found.session, found.session.locked_at !== null);
    },
  };
}
