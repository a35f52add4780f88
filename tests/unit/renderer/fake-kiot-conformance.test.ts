/**
 * The fake `window.kiot` most renderer tests use must answer the sign-in flow exactly as the
 * real core and hub do (real-kiot.ts). It once locked a code one try early, and the screen
 * for the real answer ("wrong code, 0 tries left") went untested; this runs one script of
 * calls through both and compares what a screen can see.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KiotApi } from '../../../shared/kiot-api';
import type { Result } from '../../../shared/result';
import { createFakeKiot } from './fake-kiot';
import { createRealKiot } from './real-kiot';
import type { RealKiot } from './real-kiot';

/** What a screen reacts to: success or the error code, the attempts left, the session state. */
type Seen = { ok: boolean; code?: string; attemptsLeft?: number; state?: string };

function seen(result: Result<unknown>): Seen {
  if (!result.ok) return { ok: false, code: result.error.code, ...(result.error.attemptsLeft !== undefined ? { attemptsLeft: result.error.attemptsLeft } : {}) };
  const value = result.value as { state?: unknown };
  return { ok: true, ...(typeof value.state === 'string' ? { state: value.state } : {}) };
}

/** Sign-in with five wrong codes, the right one after the lock, a resend, and the new code. */
async function script(api: KiotApi, phone: string, goodCode: () => string): Promise<Seen[]> {
  const out: Seen[] = [];
  const state = async (): Promise<void> => {
    const view = await api.session.get({});
    out.push({ ok: view.ok, ...(view.ok ? { state: view.value.state } : {}) });
  };
  out.push(seen(await api.session.start({})));
  out.push(seen(await api.auth.requestOtp({ phone })));
  await state();
  const wrong = goodCode() === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i += 1) out.push(seen(await api.auth.verifyOtp({ code: wrong })));
  await state();
  out.push(seen(await api.auth.verifyOtp({ code: goodCode() })));
  await state();
  out.push(seen(await api.auth.resendOtp({})));
  out.push(seen(await api.auth.verifyOtp({ code: goodCode() })));
  await state();
  out.push(seen(await api.bills.list({})));
  out.push(seen(await api.session.end({})));
  await state();
  return out;
}

let real: RealKiot | null = null;
afterEach(async () => {
  await real?.close();
  real = null;
});

describe('the fake window.kiot', () => {
  it('answers the sign-in flow as the real core and hub do', { timeout: 30_000 }, async () => {
    real = await createRealKiot();
    const { phone } = real.resident;
    const opened = real;
    const expected = await script(real.api, phone, () => opened.lastCodeTo(phone));
    const fake = createFakeKiot({ resendAfterSeconds: 0 });
    expect(await script(fake.api, phone, () => '123456')).toEqual(expected);
    // And the script says what it should, so two equally wrong implementations cannot agree.
    expect(expected.slice(3, 8)).toEqual([4, 3, 2, 1, 0].map((attemptsLeft) => ({ ok: false, code: 'wrong_code', attemptsLeft })));
    expect(expected[9]).toEqual({ ok: false, code: 'code_locked' });
  });
});
