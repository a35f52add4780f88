import { describe, expect, it } from 'vitest';
import { getSessionEntry } from '../../../../../electron/core/db/session-cache';
import { hubPaths } from '../../../../../electron/core/platform/hub-client';
import { bills, resident, useCoreHarness } from '../../core-harness';

describe('bills feature', () => {
  const h = useCoreHarness();

  it('bills:get goes to the hub when nothing is cached yet', async () => {
    const core = await h.start();
    await h.signIn(core);
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toEqual({ ok: true, value: { bill: bills[0] } });
    expect(h.hub.calls.at(-1)?.path).toBe(hubPaths.bills);
  });

  it('refuses bills to nobody signed in, without calling the hub', async () => {
    const core = await h.start();
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(h.hub.calls.map((c) => c.path)).toEqual([hubPaths.enroll]);
  });

  it('hub unreachable: hub_unavailable, state unchanged, cache untouched', async () => {
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('bills:list', {});
    h.hub.down = true;
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'signedIn', resident } });
    expect(await h.peek((db) => getSessionEntry(db, 'bills'))).toEqual(bills);
    await expect(core.dispatch('bills:get', { billId: 'bill_1' })).resolves.toMatchObject({ ok: true });

    await core.dispatch('session:end', {});
    await core.dispatch('session:start', {});
    await expect(core.dispatch('auth:requestOtp', { phone: '0912345678' })).resolves.toMatchObject({ ok: false, error: { code: 'hub_unavailable' } });
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ value: { state: 'phone' } });
  });
});
