import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../shared/logger';
import { createMemoryLogger } from '../../../fixtures/memory-logger';
import { KiotError } from '../../../../shared/result';
import type { ErrorCode } from '../../../../shared/result';
import { insertDevice } from '../../../../server/db/devices';
import { insertOtpSend } from '../../../../server/db/otp';
import { insertBuilding } from '../../../../server/db/residents';
import type { AuthenticatedDevice } from '../../../../server/services/devices';
import { createOtpService, defaultOtpLimits } from '../../../../server/services/otp';
import type { OtpLimits, OtpService } from '../../../../server/services/otp';
import { createDevSmsAdapter } from '../../../../server/adapters/sms/dev-sms';
import type { DevSmsAdapter } from '../../../../server/adapters/sms/sms-adapter';
import { createFixture } from '../fixtures';
import type { Fixture } from '../fixtures';

const HMAC_KEY = Buffer.alloc(32, 7);

let fx: Fixture;
let sms: DevSmsAdapter;

function service(limits?: Partial<OtpLimits>): OtpService {
  return createOtpService({
    db: fx.db,
    clock: fx.clock.now,
    random: (n) => randomBytes(n),
    newId: fx.newId,
    sms,
    logger: silentLogger,
    hmacKey: HMAC_KEY,
    // The hub sends after the answer is written; with no HTTP answer here, at once.
    afterResponse: (task) => task(),
    ...(limits ? { limits } : {}),
  });
}

function lastCodeTo(phone: string): string {
  const message = sms.messages().filter((m) => m.to === phone).at(-1);
  const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

/** Awaits a promise expected to fail with a KiotError and returns that error. */
async function failure(promise: Promise<unknown>, code: ErrorCode): Promise<KiotError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KiotError);
  expect((err as KiotError).code).toBe(code);
  return err as KiotError;
}

function otherThan(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

beforeEach(async () => {
  fx = await createFixture();
  sms = createDevSmsAdapter({ clock: fx.clock.now, logger: silentLogger });
});

afterEach(async () => {
  await fx.db.destroy();
});

describe('OTP service', () => {
  it('sends a 6-digit code in a bilingual SMS, Vietnamese first, and the code verifies once', async () => {
    const otp = service();
    const response = await otp.requestCode({ phone: '0912 345 678', device: fx.kiosk });
    expect(response.resendAfterSeconds).toBe(60);
    expect(response.expiresAt).toBe(new Date(fx.clock.now().getTime() + 300_000).toISOString());

    const [message] = sms.messages();
    expect(message?.to).toBe('+84912345678');
    expect(message?.body).toMatch(/^Kiot: Mã đăng nhập của bạn là \d{6}.*\/ Your Kiot login code is \d{6}/);

    const code = lastCodeTo(fx.residentPhone);
    await expect(otp.verifyCode({ requestId: response.requestId, code, device: fx.kiosk })).resolves.toEqual({ residentId: fx.residentId });
    // Single use: the same code a second time is refused.
    await failure(otp.verifyCode({ requestId: response.requestId, code, device: fx.kiosk }), 'code_expired');
  });

  it('expires a code after 5 minutes', async () => {
    const otp = service();
    const first = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    fx.clock.advance(299);
    // Still valid one second before the deadline…
    const stillValid = lastCodeTo(fx.residentPhone);
    await failure(otp.verifyCode({ requestId: first.requestId, code: otherThan(stillValid), device: fx.kiosk }), 'wrong_code');
    fx.clock.advance(1);
    // …and refused at it, even with the right code.
    await failure(otp.verifyCode({ requestId: first.requestId, code: stillValid, device: fx.kiosk }), 'code_expired');
  });

  it('kills a code after 5 wrong attempts, counting down attemptsLeft', async () => {
    const otp = service();
    const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = lastCodeTo(fx.residentPhone);
    for (const left of [4, 3, 2, 1, 0]) {
      const err = await failure(otp.verifyCode({ requestId, code: otherThan(code), device: fx.kiosk }), 'wrong_code');
      expect(err.attemptsLeft).toBe(left);
    }
    await failure(otp.verifyCode({ requestId, code, device: fx.kiosk }), 'code_locked');
  });

  it('binds a code to its request and to the kiosk that asked for it', async () => {
    const otp = service();
    const first = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = lastCodeTo(fx.residentPhone);
    await failure(otp.verifyCode({ requestId: first.requestId, code, device: fx.otherKiosk }), 'code_expired');
    await failure(otp.verifyCode({ requestId: 'no-such-request', code, device: fx.kiosk }), 'code_expired');

    // A second resident's request: the first code must not open it.
    const other = await createOtpService({
      db: fx.db,
      clock: fx.clock.now,
      random: (n) => randomBytes(n),
      newId: fx.newId,
      sms,
      logger: silentLogger,
      hmacKey: HMAC_KEY,
    }).requestCode({ phone: fx.otherBuildingPhone, device: fx.kiosk });
    await failure(otp.verifyCode({ requestId: other.requestId, code, device: fx.kiosk }), 'wrong_code');
    await expect(otp.verifyCode({ requestId: first.requestId, code, device: fx.kiosk })).resolves.toEqual({ residentId: fx.residentId });
  });

  it('allows a resend only after 60 seconds, and the new code replaces the old one', async () => {
    const otp = service();
    const first = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const firstCode = lastCodeTo(fx.residentPhone);
    fx.clock.advance(45);
    const err = await failure(otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(15);
    fx.clock.advance(15);
    const second = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    expect(sms.messages()).toHaveLength(2);
    await failure(otp.verifyCode({ requestId: first.requestId, code: firstCode, device: fx.kiosk }), 'code_expired');
    await expect(otp.verifyCode({ requestId: second.requestId, code: lastCodeTo(fx.residentPhone), device: fx.kiosk })).resolves.toEqual({
      residentId: fx.residentId,
    });
  });

  it('sends at most 3 codes per 15 minutes to a number', async () => {
    const otp = service();
    for (let i = 0; i < 3; i += 1) {
      await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
      fx.clock.advance(60);
    }
    // t = 180 s: the window frees up when the first send (t = 0) is 15 minutes old.
    const err = await failure(otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(900 - 180);
    fx.clock.advance(900 - 180);
    await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    expect(sms.messages()).toHaveLength(4);
  });

  it('sends at most 10 codes per 24 hours to a number', async () => {
    const otp = service();
    for (let i = 0; i < 10; i += 1) {
      await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
      fx.clock.advance(6 * 60);
    }
    // t = 3600 s.
    const err = await failure(otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(86_400 - 3_600);
    fx.clock.advance(86_400 - 3_600 - 1);
    await failure(otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk }), 'rate_limited');
    fx.clock.advance(1);
    await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    expect(sms.messages()).toHaveLength(11);
  });

  it('caps sends per device and globally', async () => {
    const phones = ['+84901000001', '+84901000002', '+84901000003', '+84901000004'];
    const perDevice = service({ perDevice: { windowSeconds: 3600, max: 2 } });
    await perDevice.requestCode({ phone: phones[0]!, device: fx.kiosk });
    await perDevice.requestCode({ phone: phones[1]!, device: fx.kiosk });
    const err = await failure(perDevice.requestCode({ phone: phones[2]!, device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(3600);
    // Another kiosk is not affected by this one's cap…
    await perDevice.requestCode({ phone: phones[2]!, device: fx.otherKiosk });

    // …but everything counts towards the global cap.
    const global = service({ global: { windowSeconds: 3600, max: 3 } });
    await failure(global.requestCode({ phone: phones[3]!, device: fx.otherKiosk }), 'rate_limited');
  });

  /** A kiosk of a second building (where fx.residentPhone is a stranger). */
  async function kioskElsewhere(): Promise<AuthenticatedDevice> {
    const buildingId = fx.newId();
    const now = fx.clock.now().toISOString();
    await insertBuilding(fx.db, { id: buildingId, name: 'Tòa nhà Khác', address: 'Đà Nẵng', created_at: now, updated_at: now });
    const device: AuthenticatedDevice = { id: fx.newId(), buildingId, mode: 'kiosk' };
    await insertDevice(fx.db, { id: device.id, building_id: buildingId, mode: 'kiosk', name: 'Sảnh', secret_hash: 'x', created_at: now, revoked_at: null });
    return device;
  }

  it('does not let a kiosk in another building lock a resident out or void their code', async () => {
    const otp = service();
    const foreign = await kioskElsewhere();
    const mine = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const myCode = lastCodeTo(fx.residentPhone);
    // Elsewhere the number is a stranger's: no SMS, and its limits are that building's.
    for (let i = 0; i < 3; i += 1) {
      await otp.requestCode({ phone: fx.residentPhone, device: foreign });
      fx.clock.advance(60);
    }
    const err = await failure(otp.requestCode({ phone: fx.residentPhone, device: foreign }), 'rate_limited');
    expect(err.message).toMatch(/this number/);
    expect(sms.messages()).toHaveLength(1);
    // At home the resident's code still works, and a new one can be sent at once.
    await expect(otp.verifyCode({ requestId: mine.requestId, code: myCode, device: fx.kiosk })).resolves.toEqual({ residentId: fx.residentId });
    const again = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    expect(sms.messages()).toHaveLength(2);
    await expect(otp.verifyCode({ requestId: again.requestId, code: lastCodeTo(fx.residentPhone), device: fx.kiosk })).resolves.toEqual({ residentId: fx.residentId });
  });

  it('caps sends per building, leaving other buildings open', async () => {
    const phones = ['+84901000011', '+84901000012', '+84901000013', '+84901000014'];
    const otp = service({ perBuilding: { windowSeconds: 3600, max: 2 } });
    await otp.requestCode({ phone: phones[0]!, device: fx.kiosk });
    await otp.requestCode({ phone: phones[1]!, device: fx.otherKiosk });
    const err = await failure(otp.requestCode({ phone: phones[2]!, device: fx.otherKiosk }), 'rate_limited');
    expect(err.message).toMatch(/this building/);
    expect(err.retryAfterSeconds).toBe(3600);
    await otp.requestCode({ phone: phones[3]!, device: await kioskElsewhere() });
  });

  it('ships the limits DESIGN.md promises', () => {
    // Pinned value by value: the behaviour tests below run under these defaults, and a change here
    // is a security decision to be made on purpose, not a side effect.
    expect(defaultOtpLimits).toEqual({
      codeTtlSeconds: 300,
      resendAfterSeconds: 60,
      maxAttempts: 5,
      perNumber: [
        { windowSeconds: 900, max: 3 },
        { windowSeconds: 86_400, max: 10 },
      ],
      perDevice: { windowSeconds: 3_600, max: 30 },
      perBuilding: { windowSeconds: 3_600, max: 300 },
      global: { windowSeconds: 3_600, max: 1_000 },
    });
  });

  it('under the default limits, a kiosk that sent 30 codes stays closed for the rest of the hour', async () => {
    const otp = service();
    // Distinct unknown numbers: only the per-device cap can bite (unknown numbers count the same).
    const phone = (i: number): string => `+8490300${String(i).padStart(4, '0')}`;
    for (let i = 0; i < 30; i += 1) {
      await otp.requestCode({ phone: phone(i), device: fx.kiosk });
      fx.clock.advance(1);
    }
    // t = 30 s; the first send (t = 0) leaves the window at t = 3600 s.
    const err = await failure(otp.requestCode({ phone: phone(30), device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(3_600 - 30);
    fx.clock.advance(59 * 60 - 30);
    await failure(otp.requestCode({ phone: phone(31), device: fx.kiosk }), 'rate_limited');
    // Another kiosk is not held back by this one's cap.
    await otp.requestCode({ phone: phone(32), device: fx.otherKiosk });
    fx.clock.advance(60);
    await otp.requestCode({ phone: phone(33), device: fx.kiosk });
  });

  it('under the default limits, the building stops at 1,000 codes an hour', async () => {
    const otp = service();
    // 999 earlier sends from many kiosks, spread over the last hour, written straight into the table:
    // making them through the service would need 34 kiosks and take far longer than the point.
    const start = fx.clock.now().getTime();
    for (let i = 0; i < 999; i += 1) {
      await insertOtpSend(fx.db, { id: fx.newId(), phone_hmac: `p${i}`, device_id: `d${i % 40}`, sent_at: new Date(start + i * 1000).toISOString() });
    }
    fx.clock.advance(999);
    await otp.requestCode({ phone: '+84903100001', device: fx.kiosk });
    const err = await failure(otp.requestCode({ phone: '+84903100002', device: fx.otherKiosk }), 'rate_limited');
    expect(err.message).toMatch(/building/);
    expect(err.retryAfterSeconds).toBe(3_600 - 999);
    // Still closed a minute before the first send leaves the window, open when it has.
    fx.clock.advance(3_600 - 999 - 60);
    await failure(otp.requestCode({ phone: '+84903100003', device: fx.otherKiosk }), 'rate_limited');
    fx.clock.advance(60);
    await otp.requestCode({ phone: '+84903100004', device: fx.otherKiosk });
  });

  it('stores only HMACs: neither the code nor the number appears in the database', async () => {
    const otp = service();
    const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = lastCodeTo(fx.residentPhone);
    const requests = await fx.db.selectFrom('otp_requests').selectAll().execute();
    const sends = await fx.db.selectFrom('otp_sends').selectAll().execute();
    expect(requests).toHaveLength(1);
    expect(sends).toHaveLength(1);
    const row = requests[0]!;
    expect(row.id).toBe(requestId);
    expect(row.code_hmac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const stored of [JSON.stringify(requests), JSON.stringify(sends)]) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain('912345678');
    }
  });

  it('answers identically for unknown numbers, sends nothing, and such a request can never verify', async () => {
    const otp = service();
    const known = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const unknown = await otp.requestCode({ phone: '0903 111 222', device: fx.kiosk });
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(known).sort());
    expect(unknown.expiresAt).toBe(known.expiresAt);
    expect(unknown.resendAfterSeconds).toBe(known.resendAfterSeconds);
    expect(unknown.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sms.messages().map((m) => m.to)).toEqual([fx.residentPhone]);

    const rows = await fx.db.selectFrom('otp_requests').select(['id', 'resident_id', 'code_hmac']).execute();
    expect(rows.find((r) => r.id === unknown.requestId)).toMatchObject({ resident_id: null, code_hmac: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    for (const left of [4, 3, 2, 1, 0]) {
      const err = await failure(otp.verifyCode({ requestId: unknown.requestId, code: String(left).padStart(6, '0'), device: fx.kiosk }), 'wrong_code');
      expect(err.attemptsLeft).toBe(left);
    }
    await failure(otp.verifyCode({ requestId: unknown.requestId, code: '123456', device: fx.kiosk }), 'code_locked');

    // Limits apply to unknown numbers the same way, or a 429 would reveal registration.
    const err = await failure(otp.requestCode({ phone: '0903 111 222', device: fx.kiosk }), 'rate_limited');
    expect(err.retryAfterSeconds).toBe(60);
  });

  it('never verifies an unknown number even with the right code', async () => {
    // The code for an unknown number is never sent; recompute it from a fixed random source.
    const fixedRandom = (n: number): Buffer => Buffer.alloc(n, 0);
    const otp = createOtpService({ db: fx.db, clock: fx.clock.now, random: fixedRandom, newId: fx.newId, sms, logger: silentLogger, hmacKey: HMAC_KEY });
    const { requestId } = await otp.requestCode({ phone: '0903 111 222', device: fx.kiosk });
    await failure(otp.verifyCode({ requestId, code: '000000', device: fx.kiosk }), 'wrong_code');
  });

  it('treats a resident of another building as unknown at this kiosk', async () => {
    const otp = service();
    const response = await otp.requestCode({ phone: fx.otherBuildingPhone, device: fx.kiosk });
    expect(response.resendAfterSeconds).toBe(60);
    expect(sms.messages()).toHaveLength(0);
  });

  it('rejects what is not a Vietnamese phone number with a clear message', async () => {
    const otp = service();
    for (const phone of ['12345', '+1 415 555 0100', 'abc', '0912 345 67']) {
      const err = await failure(otp.requestCode({ phone, device: fx.kiosk }), 'invalid_input');
      expect(err.message).toMatch(/0912 345 678/);
    }
  });

  it('says in the SMS how long the code is valid: 5 minutes', async () => {
    await service().requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const body = sms.messages()[0]?.body ?? '';
    expect(body).toContain('hiệu lực 5 phút');
    expect(body).toContain('valid for 5 minutes');
  });

  it('answers a wrong code on a used, replaced or expired request with code_expired, spending no attempt', async () => {
    const otp = service();
    const used = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const usedCode = lastCodeTo(fx.residentPhone);
    await otp.verifyCode({ requestId: used.requestId, code: usedCode, device: fx.kiosk });
    await failure(otp.verifyCode({ requestId: used.requestId, code: otherThan(usedCode), device: fx.kiosk }), 'code_expired');

    fx.clock.advance(60);
    const replaced = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const replacedCode = lastCodeTo(fx.residentPhone);
    fx.clock.advance(60);
    const latest = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    await failure(otp.verifyCode({ requestId: replaced.requestId, code: otherThan(replacedCode), device: fx.kiosk }), 'code_expired');

    // At the deadline exactly, a wrong code is told the code expired, not "wrong, 4 left".
    fx.clock.advance(300);
    await failure(otp.verifyCode({ requestId: latest.requestId, code: '000000', device: fx.kiosk }), 'code_expired');
    const attempts = await fx.db.selectFrom('otp_requests').select('attempts').execute();
    expect(attempts.map((r) => r.attempts)).toEqual([0, 0, 0]);
  });

  it('lets exactly one of two simultaneous right codes in; the other is told the code was used', async () => {
    const otp = service();
    const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = lastCodeTo(fx.residentPhone);
    const results = await Promise.allSettled([otp.verifyCode({ requestId, code, device: fx.kiosk }), otp.verifyCode({ requestId, code, device: fx.kiosk })]);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([{ residentId: fx.residentId }]);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(KiotError);
    expect((refused[0] as KiotError).code).toBe('code_expired');
  });

  it('locks a code when simultaneous wrong guesses race for the last attempt', async () => {
    const otp = service();
    const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = lastCodeTo(fx.residentPhone);
    for (let i = 0; i < 4; i += 1) await failure(otp.verifyCode({ requestId, code: otherThan(code), device: fx.kiosk }), 'wrong_code');
    const guesses = await Promise.allSettled([0, 1, 2].map(() => otp.verifyCode({ requestId, code: otherThan(code), device: fx.kiosk })));
    const errors = guesses.map((g) => (g.status === 'rejected' ? (g.reason as KiotError) : null));
    // One guess takes the last attempt ("0 left"); the ones that lost the race are told the code is locked.
    expect(errors.map((e) => e?.code).sort()).toEqual(['code_locked', 'code_locked', 'wrong_code']);
    expect(errors.find((e) => e?.code === 'wrong_code')?.attemptsLeft).toBe(0);
    await failure(otp.verifyCode({ requestId, code, device: fx.kiosk }), 'code_locked');
  });

  it('logs a failed SMS hand-off with the request id and without the number', async () => {
    for (const send of [() => Promise.reject(new Error('gateway down')), () => {
      throw new Error('adapter broke');
    }]) {
      const memory = createMemoryLogger();
      const otp = createOtpService({
        db: fx.db,
        clock: fx.clock.now,
        random: (n) => randomBytes(n),
        newId: fx.newId,
        sms: { send: send as () => Promise<void> },
        logger: memory.logger,
        hmacKey: HMAC_KEY,
        afterResponse: (task) => task(),
      });
      const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
      await new Promise((resolve) => setImmediate(resolve));
      expect(memory.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'OTP SMS send failed', data: expect.objectContaining({ requestId }) }));
      expect(memory.text()).not.toContain('912345678');
      fx.clock.advance(60);
    }
  });

  it('does not wait for the SMS gateway', async () => {
    const stuck = { send: () => new Promise<void>(() => {}) };
    const otp = createOtpService({ db: fx.db, clock: fx.clock.now, random: (n) => randomBytes(n), newId: fx.newId, sms: stuck, logger: silentLogger, hmacKey: HMAC_KEY });
    await expect(otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk })).resolves.toMatchObject({ resendAfterSeconds: 60 });
  });
});
