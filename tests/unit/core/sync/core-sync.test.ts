import { describe, expect, it } from 'vitest';
import { countSessionEntries } from '../../../../electron/core/db/session-cache';
import { createAuthService } from '../../../../electron/core/features/auth/service';
import { createSession } from '../../../../electron/core/session/resident-session';
import { createFakeClock } from '../../../fixtures/fake-clock';
import { jsonResponse, resident, useCoreHarness, verifiedBody } from '../core-harness';

describe('sync in the app core', () => {
  const h = useCoreHarness();

  it('an erasure of the signed-in resident ends the session and wipes its cache', async () => {
    let changes: unknown[] = [];
    h.hub.routes.set('GET /v1/sync/pull', () => jsonResponse(200, { changes, cursor: 'c1', hasMore: false }));
    const core = await h.start();
    await core.sync.pull();
    await h.signIn(core);
    expect(await h.peek(countSessionEntries)).toBe(1);

    changes = [{ seq: 1, type: 'resident_erased', id: 'res_someone_else', data: null }];
    await core.sync.pull();
    expect((await core.dispatch('session:get', {}))).toMatchObject({ ok: true, value: { state: 'signedIn' } });

    changes = [{ seq: 2, type: 'resident_erased', id: resident.id, data: null }];
    await core.sync.pull();
    expect(await core.dispatch('session:get', {})).toMatchObject({ ok: true, value: { state: 'attract', resident: null } });
    expect(await h.peek(countSessionEntries)).toBe(0);
  });

  it('sync: false starts nothing: no hub call and no timer until asked', async () => {
    const core = await h.start();
    const calls = h.hub.calls.length;
    h.clock.advance(3_600_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.hub.calls.length).toBe(calls);
    expect(core.sync.status()).toEqual({ online: false, lastSyncAt: null, lastError: null, pending: 0, oldestPendingSeconds: null });
  });

  it('the hub session id from the code check is kept in the main-process session, and dropped at lock', async () => {
    const clock = createFakeClock();
    const session = createSession({ clock, idleSeconds: 60, countdownSeconds: 15, sessionMaxSeconds: 600, wipe: () => undefined, emit: () => undefined });
    const auth = createAuthService({
      session,
      hub: {
        requestOtp: async () => ({ requestId: 'req_1', expiresAt: '2026-11-25T03:05:00.000Z', resendAfterSeconds: 60 }),
        verifyOtp: async () => verifiedBody,
      },
      cache: { put: () => undefined, get: () => undefined },
    });
    session.start();
    await auth.requestOtp('0912 345 678');
    await auth.verifyOtp('123456');
    expect(session.hubSessionId).toBe(verifiedBody.sessionId);
    expect(session.view()).not.toHaveProperty('sessionId');
    session.lock('signOut');
    expect(session.hubSessionId).toBeNull();
    session.dispose();
  });
});
