import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../../electron/core/db/session-cache';
import { hubPaths } from '../../../../../electron/core/platform/hub-client';
import { DEVICE_HEADER } from '../../../../../shared/hub-api';
import { jsonResponse, TOKEN, useCoreHarness } from '../../core-harness';

describe('session:end at the hub', () => {
  const h = useCoreHarness();


  it('tells the hub to close the session, with the token and this device, after locking', async () => {
    const core = await h.start();
    await h.signIn(core);
    h.hub.routes.set(`POST ${hubPaths.signOut}`, () => jsonResponse(200, { signedOut: true }));
    const ended = await core.dispatch('session:end', {});
    expect(ended).toMatchObject({ ok: true, value: { state: 'attract', resident: null, lastLock: { reason: 'signOut' } } });
    await expect.poll(() => h.hub.calls.filter((c) => c.path === hubPaths.signOut)).toHaveLength(1);
    const [call] = h.hub.calls.filter((c) => c.path === hubPaths.signOut);
    expect(call!.method).toBe('POST');
    expect(call!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(call!.headers.get(DEVICE_HEADER)).toMatch(/^.+\..+$/);
  });

  it('locks at once when the hub never answers, and when it is down', async () => {
    const core = await h.start();
    await h.signIn(core);
    await core.dispatch('bills:list', {});
    // A hub that takes the request and never answers: the lock must not wait for it.
    h.hub.routes.set(`POST ${hubPaths.signOut}`, () => new Promise<Response>(() => {}));
    await expect(core.dispatch('session:end', {})).resolves.toMatchObject({ ok: true, value: { state: 'attract', lastLock: { reason: 'signOut' } } });
    expect(await h.peek(countSessionEntries)).toBe(0);
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    await h.signIn(core);
    h.hub.down = true;
    await expect(core.dispatch('session:end', {})).resolves.toMatchObject({ ok: true, value: { state: 'attract', resident: null } });
    await expect(core.dispatch('bills:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect.poll(() => h.logs.some((e) => e.msg.startsWith('hub sign-out failed'))).toBe(true);
  });

  // A resident who walks away is the common case: their token must die at the hub too, not
  // live on for its 15 minutes after the kiosk forgot it.
  it.each(['idle', 'hardCap'] as const)('closes the session at the hub when it locks for %s', async (reason) => {
    const core = await h.start();
    await h.signIn(core);
    h.hub.routes.set(`POST ${hubPaths.signOut}`, () => jsonResponse(200, { signedOut: true }));
    if (reason === 'idle') {
      h.clock.advance(76_000);
    } else {
      // Continue at every countdown, so only the 10-minute cap ends the session.
      for (let i = 0; i < 11; i += 1) {
        h.clock.advance(61_000);
        await core.dispatch('session:continue', {});
      }
    }
    await expect(core.dispatch('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'attract', lastLock: { reason } } });
    await expect.poll(() => h.hub.calls.filter((c) => c.path === hubPaths.signOut)).toHaveLength(1);
    expect(h.hub.calls.find((c) => c.path === hubPaths.signOut)!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('closes the session at the hub when main locks the kiosk (suspend, crash)', async () => {
    const core = await h.start();
    await h.signIn(core);
    h.hub.routes.set(`POST ${hubPaths.signOut}`, () => jsonResponse(200, { signedOut: true }));
    await core.lock('suspend');
    await expect.poll(() => h.hub.calls.filter((c) => c.path === hubPaths.signOut)).toHaveLength(1);
  });

  it('does not call the hub when nobody was signed in', async () => {
    const core = await h.start();
    await core.dispatch('session:start', {});
    await core.dispatch('session:end', {});
    expect(h.hub.calls.filter((c) => c.path === hubPaths.signOut)).toEqual([]);
  });
});
