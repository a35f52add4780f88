import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import { hubPaths } from '../../../../../electron/core/platform/hub-client';
import { jsonResponse, useCoreHarness, verifiedBody } from '../../core-harness';

describe('auth feature', () => {
  const h = useCoreHarness();

  it('refuses channels called in the wrong state', async () => {
    const core = await h.start();
    await expect(core.dispatch('auth:requestOtp', { phone: '0912345678' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await h.signIn(core);
    await expect(core.dispatch('session:start', {})).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    expect(h.hub.calls.filter((c) => c.path !== hubPaths.enroll && c.path !== hubPaths.requestOtp && c.path !== hubPaths.verifyOtp)).toEqual([]);
  });

  it('rejects a phone number that is not Vietnamese without calling the hub', async () => {
    const core = await h.start();
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:requestOtp', { phone: '12345' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(h.hub.calls).toHaveLength(1);
  });

  it('sends a code only to a Vietnamese mobile: a landline or a number no operator hands out never reaches the hub', async () => {
    const core = await h.start();
    await core.dispatch('session:start', {});
    for (const phone of ['1111 111 111', '024 3718 6868', '+84 111 111 111']) {
      await expect(core.dispatch('auth:requestOtp', { phone })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(h.hub.calls).toHaveLength(1);
    await expect(core.dispatch('auth:requestOtp', { phone: '0912 345 678' })).resolves.toMatchObject({ ok: true });
    expect(h.hub.calls.filter((c) => c.path === hubPaths.requestOtp)).toHaveLength(1);
  });

  it('passes a wrong code through with attemptsLeft and stays on the code screen', async () => {
    const core = await h.start();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: '0912345678' });
    await expect(core.dispatch('auth:verifyOtp', { code: '000000' })).resolves.toEqual({
      ok: false,
      error: { code: 'wrong_code', message: 'Wrong code', attemptsLeft: 4 },
    });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'code', maskedPhone: '+84 *** *** 678' } });
    await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: true });
  });

  it('a hub answer that arrives after the session ended does not sign anyone in', async () => {
    const core = await h.start();
    await core.dispatch('session:start', {});
    await core.dispatch('auth:requestOtp', { phone: '0912345678' });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.hub.routes.set(`POST ${hubPaths.verifyOtp}`, async () => {
      await gate;
      return jsonResponse(200, verifiedBody);
    });
    const verifying = core.dispatch('auth:verifyOtp', { code: '123456' });
    await new Promise((r) => setTimeout(r, 10));
    await core.lock('suspend');
    release();
    await expect(verifying).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', resident: null } });
    expect(await h.peek(countSessionEntries)).toBe(0);
  });

  describe('auth:resendOtp', () => {
    const otpRequests = (): unknown[] => h.hub.calls.filter((c) => c.path === hubPaths.requestOtp).map((c) => c.body);

    it('sends a new code to the number main kept, and the new request is the one verified', async () => {
      const core = await h.start();
      await core.dispatch('session:start', {});
      await core.dispatch('auth:requestOtp', { phone: '0912 345 678' });
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toEqual({
        ok: true,
        value: { maskedPhone: '+84 *** *** 678', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 },
      });
      expect(otpRequests()).toEqual([{ phone: '+84912345678' }, { phone: '+84912345678' }]);
      await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'code', maskedPhone: '+84 *** *** 678' } });
      await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: true });
      expect(h.hub.calls.at(-1)?.body).toEqual({ requestId: 'req_2', code: '123456' });
    });

    it('takes no number from the renderer', async () => {
      const core = await h.start();
      await core.dispatch('session:start', {});
      await core.dispatch('auth:requestOtp', { phone: '0912345678' });
      await expect(core.dispatch('auth:resendOtp', { phone: '0987654321' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(otpRequests()).toHaveLength(1);
    });

    it('is refused outside the code screen: attract, phone entry, after going back, signed in, after a lock', async () => {
      const core = await h.start();
      const refused = { ok: false, error: { code: 'wrong_state' } };
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject(refused);
      await core.dispatch('session:start', {});
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject(refused);
      await core.dispatch('auth:requestOtp', { phone: '0912345678' });
      await core.dispatch('session:start', {});
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject(refused);
      await h.signIn(core);
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject(refused);
      await core.dispatch('session:end', {});
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject(refused);
      // Only the two explicit requests reached the hub.
      expect(otpRequests()).toHaveLength(2);
    });

    it('passes the hub’s rate limit through and keeps the first code valid', async () => {
      const core = await h.start();
      await core.dispatch('session:start', {});
      await core.dispatch('auth:requestOtp', { phone: '0912345678' });
      h.hub.routes.set(`POST ${hubPaths.requestOtp}`, () =>
        jsonResponse(429, { error: { code: 'rate_limited', message: 'Too soon', retryAfterSeconds: 42 } }),
      );
      await expect(core.dispatch('auth:resendOtp', {})).resolves.toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 42 } });
      await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'code' } });
      await expect(core.dispatch('auth:verifyOtp', { code: '123456' })).resolves.toMatchObject({ ok: true });
      expect(h.hub.calls.at(-1)?.body).toEqual({ requestId: 'req_1', code: '123456' });
    });

    it('a resend answered after the session ended changes nothing', async () => {
      const core = await h.start();
      await core.dispatch('session:start', {});
      await core.dispatch('auth:requestOtp', { phone: '0912345678' });
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      h.hub.routes.set(`POST ${hubPaths.requestOtp}`, async () => {
        await gate;
        return jsonResponse(200, { requestId: 'req_late', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 });
      });
      const resending = core.dispatch('auth:resendOtp', {});
      await new Promise((r) => setTimeout(r, 10));
      await core.lock('idle');
      release();
      await expect(resending).resolves.toMatchObject({ ok: false, error: { code: 'wrong_state' } });
      await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'attract', maskedPhone: null } });
    });
  });
});
