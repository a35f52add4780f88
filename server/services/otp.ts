/**
 * Resident login codes (DESIGN.md, "OTP"). What an attacker at a kiosk must not learn from
 * this service: whether a number belongs to a resident (same answer, same limits, same
 * work, and no waiting for the SMS gateway either way), or the code itself (only an HMAC
 * bound to the request id is stored, compared in constant time).
 */
import type { OtpRequestResponse } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { normalizeVietnamesePhone } from '../../shared/phone';
import { KiotError } from '../../shared/result';
import { digestsEqual, hmacSha256Base64url, newOtpCode } from '../crypto';
import type { IdGenerator, RandomBytes } from '../ids';
import type { HubDb } from '../db/connect';
import { lockKey } from '../db/locks';
import {
  consumeOtpRequest,
  getOtpRequest,
  insertOtpRequest,
  insertOtpSend,
  newestRequestOfPurpose,
  recordWrongAttempt,
  sendsSince,
  supersedeOpenRequests,
} from '../db/otp';
import type { OtpPurpose, SendScope } from '../db/otp';
import { findResidentByPhone } from '../db/residents';
import { otpMessage } from '../adapters/sms/messages';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import type { AuthenticatedDevice } from './devices';

export type RateWindow = { windowSeconds: number; max: number };

export type OtpLimits = {
  codeTtlSeconds: number;
  resendAfterSeconds: number;
  maxAttempts: number;
  perNumber: readonly RateWindow[];
  perDevice: RateWindow;
  /** Every send from the kiosks of one building: abuse there does not stop sign-in elsewhere. */
  perBuilding: RateWindow;
  /** Every send of the hub: the SMS bill's ceiling. */
  global: RateWindow;
};

export const defaultOtpLimits: OtpLimits = {
  codeTtlSeconds: 5 * 60,
  resendAfterSeconds: 60,
  maxAttempts: 5,
  // "Per day" is a rolling 24 hours: a calendar day would allow 20 sends around midnight.
  perNumber: [
    { windowSeconds: 15 * 60, max: 3 },
    { windowSeconds: 24 * 60 * 60, max: 10 },
  ],
  perDevice: { windowSeconds: 60 * 60, max: 30 },
  perBuilding: { windowSeconds: 60 * 60, max: 300 },
  global: { windowSeconds: 60 * 60, max: 1000 },
};

export type OtpService = {
  requestCode(input: { phone: string; device: AuthenticatedDevice }): Promise<OtpRequestResponse>;
  /** The resident the code proves, or a KiotError (`wrong_code`, `code_expired`, `code_locked`). */
  verifyCode(input: { requestId: string; code: string; device: AuthenticatedDevice }): Promise<{ residentId: string }>;
  /**
   * A fresh code for a signed-in resident to confirm a sensitive action (a deletion request),
   * to their current phone, counted in the same limits as sign-in codes. The SMS text comes
   * from the caller; it goes out after the answer.
   */
  requestActionCode(input: {
    residentId: string;
    phone: string;
    device: AuthenticatedDevice;
    purpose: Exclude<OtpPurpose, 'login'>;
    text: (code: string, validMinutes: number) => string;
  }): Promise<{ challengeId: string; expiresAt: string; resendAfterSeconds: number }>;
  /**
   * Checks and spends an action code: it must be one sent to this resident, on this device,
   * for this purpose. Any other challenge is only a wrong code (nothing says why).
   */
  verifyActionCode(input: { challengeId: string; code: string; residentId: string; device: AuthenticatedDevice; purpose: Exclude<OtpPurpose, 'login'> }): Promise<void>;
};

export type OtpDeps = {
  db: HubDb;
  clock: () => Date;
  random: RandomBytes;
  newId: IdGenerator;
  sms: SmsAdapter;
  logger: Logger;
  hmacKey: Buffer;
  limits?: Partial<OtpLimits>;
  /**
   * Runs the SMS hand-off once the answer is on its way. By default `setImmediate`: the
   * route's answer is written in the promise chain that ends the request, which finishes
   * before the event loop reaches its check phase.
   */
  afterResponse?: (task: () => void) => void;
};

export const INVALID_PHONE_MESSAGE = 'Not a Vietnamese phone number. Enter it like 0912 345 678 or +84 912 345 678.';

export function createOtpService(deps: OtpDeps): OtpService {
  const { db, clock, random, newId, sms, logger, hmacKey } = deps;
  const afterResponse = deps.afterResponse ?? ((task: () => void): void => void setImmediate(task));
  const limits: OtpLimits = { ...defaultOtpLimits, ...deps.limits };
  // Domain-separated HMACs under one key: a code digest can never be mistaken for a phone digest.
  const phoneHmac = (e164: string): string => hmacSha256Base64url(hmacKey, `phone:${e164}`);
  const codeHmac = (requestId: string, code: string): string => hmacSha256Base64url(hmacKey, `otp:${requestId}:${code}`);

  /**
   * `purpose` narrows the one-a-minute resend rule to codes of that purpose: a resident who
   * asks to confirm a deletion right after signing in is not made to wait for the sign-in
   * code's minute. Every send still counts in the windows below.
   */
  async function checkLimits(trx: Parameters<typeof sendsSince>[0], phone: string, device: AuthenticatedDevice, now: Date, purpose: OtpPurpose = 'login'): Promise<void> {
    const at = (secondsAgo: number): string => new Date(now.getTime() - secondsAgo * 1000).toISOString();
    const retryAfter = (from: string | null, windowSeconds: number): number =>
      Math.max(1, Math.ceil((Date.parse(from ?? now.toISOString()) + windowSeconds * 1000 - now.getTime()) / 1000));

    // A number is counted per building: requests where it is not a resident (which send no
    // SMS) count against the asking kiosk and its building, and never against the resident's
    // own building, so a kiosk elsewhere cannot lock them out. Within one building a resident's
    // number and a stranger's are counted alike, so the limits tell the two apart no more
    // than the answers do.
    const number = { phoneHmac: phone, buildingId: device.buildingId };
    const newest =
      purpose === 'login'
        ? await sendsSince(trx, number, at(limits.resendAfterSeconds)).then((recent) => (recent.count > 0 ? (recent.newest ?? now.toISOString()) : null))
        : await newestRequestOfPurpose(trx, phone, device.buildingId, purpose, at(limits.resendAfterSeconds));
    if (newest !== null) {
      const wait = retryAfter(newest, limits.resendAfterSeconds);
      throw new KiotError('rate_limited', `A code was just sent; wait ${wait} s before asking for another`, { retryAfterSeconds: wait });
    }
    const scoped: [SendScope, RateWindow, string][] = [
      ...limits.perNumber.map((w): [SendScope, RateWindow, string] => [number, w, 'this number']),
      [{ deviceId: device.id }, limits.perDevice, 'this kiosk'],
      [{ buildingId: device.buildingId }, limits.perBuilding, 'this building'],
      ['all', limits.global, 'the building system'],
    ];
    for (const [scope, window, who] of scoped) {
      const sends = await sendsSince(trx, scope, at(window.windowSeconds));
      if (sends.count >= window.max) {
        const wait = retryAfter(sends.oldest, window.windowSeconds);
        throw new KiotError('rate_limited', `Too many codes requested for ${who}; try again in ${wait} s`, { retryAfterSeconds: wait });
      }
    }
  }

  return {
    async requestCode({ phone: input, device }) {
      const phone = normalizeVietnamesePhone(input);
      if (!phone) throw new KiotError('invalid_input', INVALID_PHONE_MESSAGE);
      const now = clock();
      const nowIso = now.toISOString();
      const hashedPhone = phoneHmac(phone);
      const requestId = newId();
      const code = newOtpCode(random);
      const expiresAt = new Date(now.getTime() + limits.codeTtlSeconds * 1000).toISOString();

      const residentId = await db.transaction().execute(async (trx) => {
        await lockKey(trx, `otp:${hashedPhone}`);
        await checkLimits(trx, hashedPhone, device, now);
        const resident = await findResidentByPhone(trx, phone);
        // A resident of another building is treated exactly like a stranger: this kiosk
        // has no business logging them in.
        const eligible = resident !== undefined && resident.building_id === device.buildingId ? resident.id : null;
        await supersedeOpenRequests(trx, hashedPhone, device.buildingId, nowIso, 'login');
        await insertOtpRequest(trx, {
          id: requestId,
          purpose: 'login',
          phone_hmac: hashedPhone,
          resident_id: eligible,
          device_id: device.id,
          // Strangers get a real-looking digest too, so the row does not give them away;
          // verification refuses it anyway because resident_id is null.
          code_hmac: codeHmac(requestId, code),
          attempts: 0,
          created_at: nowIso,
          expires_at: expiresAt,
          consumed_at: null,
          superseded_at: null,
        });
        await insertOtpSend(trx, { id: newId(), phone_hmac: hashedPhone, device_id: device.id, sent_at: nowIso });
        return eligible;
      });

      if (residentId !== null) {
        // After the answer, and not awaited: an adapter's synchronous work (formatting,
        // signing, a blocking client) or the gateway's latency would otherwise make
        // registered numbers answer more slowly than unknown ones.
        const text = otpMessage(code, Math.round(limits.codeTtlSeconds / 60));
        afterResponse(() => {
          const failed = (err: unknown): void => logger.error('OTP SMS send failed', { requestId, error: err instanceof Error ? err.message : String(err) });
          try {
            sms.send(phone, text).catch(failed);
          } catch (err) {
            failed(err);
          }
        });
      }
      return { requestId, expiresAt, resendAfterSeconds: limits.resendAfterSeconds };
    },

    async verifyCode({ requestId, code, device }) {
      const now = clock();
      const row = await getOtpRequest(db, requestId);
      // Bound to the kiosk that asked for it: a request id seen elsewhere is worthless.
      // A code sent to confirm something else (a deletion) never signs anyone in.
      if (!row || row.device_id !== device.id || row.purpose !== 'login') throw new KiotError('code_expired', 'Unknown code request; ask for a new code');
      if (row.attempts >= limits.maxAttempts) throw new KiotError('code_locked', 'Too many wrong codes; ask for a new code');
      if (row.consumed_at !== null) throw new KiotError('code_expired', 'This code was already used; ask for a new code');
      if (row.superseded_at !== null) throw new KiotError('code_expired', 'A newer code was sent; use the latest one');
      if (Date.parse(row.expires_at) <= now.getTime()) throw new KiotError('code_expired', 'This code has expired; ask for a new code');

      const matches = digestsEqual(codeHmac(requestId, code), row.code_hmac);
      if (matches && row.resident_id !== null) {
        if (await consumeOtpRequest(db, requestId, limits.maxAttempts, now.toISOString())) return { residentId: row.resident_id };
        // Lost a race with a concurrent verify of the same code.
        throw new KiotError('code_expired', 'This code was already used; ask for a new code');
      }
      const attempts = await recordWrongAttempt(db, requestId, limits.maxAttempts);
      if (attempts === null) throw new KiotError('code_locked', 'Too many wrong codes; ask for a new code');
      const attemptsLeft = limits.maxAttempts - attempts;
      throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft });
    },

    async requestActionCode({ residentId, phone, device, purpose, text }) {
      const now = clock();
      const nowIso = now.toISOString();
      const hashedPhone = phoneHmac(phone);
      const challengeId = newId();
      const code = newOtpCode(random);
      const expiresAt = new Date(now.getTime() + limits.codeTtlSeconds * 1000).toISOString();
      await db.transaction().execute(async (trx) => {
        await lockKey(trx, `otp:${hashedPhone}`);
        await checkLimits(trx, hashedPhone, device, now, purpose);
        await supersedeOpenRequests(trx, hashedPhone, device.buildingId, nowIso, purpose);
        await insertOtpRequest(trx, {
          id: challengeId,
          purpose,
          phone_hmac: hashedPhone,
          resident_id: residentId,
          device_id: device.id,
          code_hmac: codeHmac(challengeId, code),
          attempts: 0,
          created_at: nowIso,
          expires_at: expiresAt,
          consumed_at: null,
          superseded_at: null,
        });
        await insertOtpSend(trx, { id: newId(), phone_hmac: hashedPhone, device_id: device.id, sent_at: nowIso });
      });
      const message = text(code, Math.round(limits.codeTtlSeconds / 60));
      afterResponse(() => {
        const failed = (err: unknown): void => logger.error('Action code SMS send failed', { challengeId, purpose, error: err instanceof Error ? err.message : String(err) });
        try {
          sms.send(phone, message).catch(failed);
        } catch (err) {
          failed(err);
        }
      });
      return { challengeId, expiresAt, resendAfterSeconds: limits.resendAfterSeconds };
    },

    async verifyActionCode({ challengeId, code, residentId, device, purpose }) {
      const now = clock();
      const row = await getOtpRequest(db, challengeId);
      // Someone else's challenge, a sign-in code or another kiosk's: the same answer as a
      // wrong code, and nothing is counted against a challenge that is not the caller's.
      if (!row || row.device_id !== device.id || row.resident_id !== residentId || row.purpose !== purpose) {
        throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft: limits.maxAttempts - 1 });
      }
      if (row.attempts >= limits.maxAttempts) throw new KiotError('code_locked', 'Too many wrong codes; ask for a new code');
      if (row.consumed_at !== null) throw new KiotError('code_expired', 'This code was already used; ask for a new code');
      if (row.superseded_at !== null) throw new KiotError('code_expired', 'A newer code was sent; use the latest one');
      if (Date.parse(row.expires_at) <= now.getTime()) throw new KiotError('code_expired', 'This code has expired; ask for a new code');
      if (digestsEqual(codeHmac(challengeId, code), row.code_hmac)) {
        if (await consumeOtpRequest(db, challengeId, limits.maxAttempts, now.toISOString())) return;
        throw new KiotError('code_expired', 'This code was already used; ask for a new code');
      }
      const attempts = await recordWrongAttempt(db, challengeId, limits.maxAttempts);
      if (attempts === null) throw new KiotError('code_locked', 'Too many wrong codes; ask for a new code');
      const attemptsLeft = limits.maxAttempts - attempts;
      if (attemptsLeft === 0) throw new KiotError('code_locked', 'Too many wrong codes; ask for a new code');
      throw new KiotError('wrong_code', 'Wrong code', { attemptsLeft });
    },
  };
}
