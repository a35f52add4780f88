/**
 * Secrets are compared in constant time. A functional test cannot tell `===` from
 * `timingSafeEqual` (both give the right answer), so these watch the comparison itself: every
 * check of a code, a device secret or a digest must reach `crypto.timingSafeEqual` with the
 * digests being compared. The lint rule in eslint.config.js catches the plain `===` form in
 * review; this catches any other detour.
 */
import * as nodeCrypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../shared/logger';
import { digestsEqual, hmacSha256Base64url, sha256Base64url } from '../../../server/crypto';
import { createDevSmsAdapter } from '../../../server/adapters/sms/dev-sms';
import { createDeviceService } from '../../../server/services/devices';
import { createOtpService } from '../../../server/services/otp';
import { createFixture } from './fixtures';
import type { Fixture } from './fixtures';

// A namespace of a Node built-in cannot be spied on in place (its bindings are read-only), so the
// module is replaced by itself with `timingSafeEqual` wrapped in a spy that still does the real work.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof nodeCrypto>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(nodeCrypto.timingSafeEqual);
const HMAC_KEY = Buffer.alloc(32, 9);

/** The digests handed to `timingSafeEqual`, as base64url pairs. */
const compared = (): string[][] => timingSafeEqual.mock.calls.map((args) => args.map((b) => Buffer.from(b as Uint8Array).toString('base64url')));

let fx: Fixture;
beforeEach(async () => {
  fx = await createFixture();
  timingSafeEqual.mockClear();
});
afterEach(async () => {
  await fx.db.destroy();
});

describe('constant-time comparison of secrets', () => {
  it('digestsEqual decides through timingSafeEqual, for equal and for different digests', () => {
    const a = sha256Base64url('a');
    const b = sha256Base64url('b');
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, b)).toBe(false);
    expect(compared()).toEqual([
      [a, a],
      [a, b],
    ]);
    // Lengths are public; a short or empty input is refused before any comparison.
    expect(digestsEqual(a, '')).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it('an OTP code is checked by comparing its HMAC with the stored one in constant time', async () => {
    const sms = createDevSmsAdapter({ clock: fx.clock.now, logger: silentLogger });
    const otp = createOtpService({ db: fx.db, clock: fx.clock.now, random: (n) => nodeCrypto.randomBytes(n), newId: fx.newId, sms, logger: silentLogger, hmacKey: HMAC_KEY, afterResponse: (task) => task() });
    const { requestId } = await otp.requestCode({ phone: fx.residentPhone, device: fx.kiosk });
    const code = /\b(\d{6})\b/.exec(sms.messages()[0]?.body ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '000001' : '000000';
    const stored = (await fx.db.selectFrom('otp_requests').select('code_hmac').where('id', '=', requestId).executeTakeFirstOrThrow()).code_hmac;
    timingSafeEqual.mockClear();

    await expect(otp.verifyCode({ requestId, code: wrong, device: fx.kiosk })).rejects.toMatchObject({ code: 'wrong_code' });
    await expect(otp.verifyCode({ requestId, code, device: fx.kiosk })).resolves.toEqual({ residentId: fx.residentId });
    expect(compared()).toEqual([
      [hmacSha256Base64url(HMAC_KEY, `otp:${requestId}:${wrong}`), stored],
      [stored, stored],
    ]);
  });

  it('a device secret is checked by comparing its hash with the stored one in constant time', async () => {
    const devices = createDeviceService({ db: fx.db, clock: fx.clock.now, random: (n) => nodeCrypto.randomBytes(n), newId: fx.newId, logger: silentLogger });
    const enrolled = await devices.enroll({ code: await devices.createEnrollmentCode({ buildingId: fx.buildingId, mode: 'kiosk' }), name: 'Sảnh' });
    const storedHash = sha256Base64url(enrolled.deviceSecret);
    timingSafeEqual.mockClear();

    await expect(devices.authenticate(`${enrolled.deviceId}.${enrolled.deviceSecret}`)).resolves.toMatchObject({ id: enrolled.deviceId });
    await expect(devices.authenticate(`${enrolled.deviceId}.not-the-secret`)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(compared()).toEqual([
      [storedHash, storedHash],
      [sha256Base64url('not-the-secret'), storedHash],
    ]);
  });
});
