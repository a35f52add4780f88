import { describe, expect, it } from 'vitest';
import type { StaffView } from '../../../../shared/contract';
import type { HubRouteKey } from '../../../../shared/hub-api';
import { KiotError } from '../../../../shared/result';
import { createStaffSession } from '../../../../electron/core/session/staff-session';
import type { HubClient } from '../../../../electron/core/platform/hub-client';
import { createFakeClock } from '../../../fixtures/fake-clock';

type Call = { key: HubRouteKey; input: Record<string, unknown> };
type Answer = (input: Record<string, unknown>) => unknown;

const member = { id: 's-1', fullName: 'Nguyễn Thị Lan', role: 'manager' as const, buildingId: 'b-1' };
const TOKEN = 't'.repeat(43);

/** A hub that answers each route key from a table, like the real one would; anything else is unexpected. */
function fakeHub(clockNow: () => number, overrides: Partial<Record<HubRouteKey, Answer>> = {}): { hub: Pick<HubClient, 'call'>; calls: Call[]; set(key: HubRouteKey, answer: Answer): void } {
  const calls: Call[] = [];
  const session = (locked = false): unknown => ({ staff: member, mustChangePassword: false, expiresAt: new Date(clockNow() + 12 * 3600_000).toISOString(), locked });
  const answers: Partial<Record<HubRouteKey, Answer>> = {
    'staffAuth.signIn': () => ({ challengeId: 'ch-1', expiresAt: new Date(clockNow() + 300_000).toISOString() }),
    'staffAuth.verify': (input) => {
      if ((input.body as { code: string }).code !== '123456') throw new KiotError('wrong_code', 'wrong', { attemptsLeft: 4 });
      return { ...(session() as object), token: TOKEN };
    },
    'staffAuth.unlock': (input) => {
      if ((input.body as { password: string }).password !== 'right password here') throw new KiotError('unauthorized', 'Wrong username or password');
      return session();
    },
    'staffAuth.me': () => session(),
    'staffAuth.signOut': () => ({ signedOut: true }),
    'staff.requests': () => ({ requests: [], total: 0 }),
    ...overrides,
  };
  return {
    calls,
    set: (key, answer) => {
      answers[key] = answer;
    },
    hub: {
      call: (async (key: HubRouteKey, input: Record<string, unknown>) => {
        calls.push({ key, input });
        await Promise.resolve();
        const answer = answers[key];
        if (answer === undefined) throw new Error(`unexpected hub call ${key}`);
        return answer(input);
      }) as HubClient['call'],
    },
  };
}

function setup(overrides: Partial<Record<HubRouteKey, Answer>> = {}) {
  const clock = createFakeClock();
  const h = fakeHub(() => clock.now(), overrides);
  const views: StaffView[] = [];
  const session = createStaffSession({ hub: h.hub, clock, emit: (v) => views.push(v) });
  const signIn = async (): Promise<void> => {
    await session.signIn({ username: 'lan.nguyen', password: 'right password here' });
    await session.verify('123456');
  };
  return { clock, session, views, signIn, ...h };
}

describe('staff session', () => {
  it('signs in with password then code, and the token never reaches the view', async () => {
    const t = setup();
    expect(t.session.view().state).toBe('signedOut');
    const afterPassword = await t.session.signIn({ username: 'lan.nguyen', password: 'right password here' });
    expect(afterPassword).toMatchObject({ state: 'code', staff: null });
    expect(afterPassword.codeExpiresAt).not.toBeNull();
    await expect(t.session.verify('000000')).rejects.toMatchObject({ code: 'wrong_code', attemptsLeft: 4 });
    expect(t.session.view().state).toBe('code');
    const signedIn = await t.session.verify('123456');
    expect(signedIn).toMatchObject({ state: 'signedIn', staff: { fullName: 'Nguyễn Thị Lan', role: 'manager' }, codeExpiresAt: null });
    expect(JSON.stringify(t.views)).not.toContain(TOKEN);
    expect(t.calls.filter((c) => c.key === 'staffAuth.verify').at(-1)?.input).toEqual({ body: { challengeId: 'ch-1', code: '123456' } });
    expect(t.session.signedInAs).toEqual({ staffId: 's-1', role: 'manager', buildingId: 'b-1' });
  });

  it('staffHub adds the token, and refuses to call while signed out or locked', async () => {
    const t = setup();
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.calls).toHaveLength(0);
    await t.signIn();
    await t.session.staffHub.call('staff.requests', { query: {} });
    expect(t.calls.at(-1)).toEqual({ key: 'staff.requests', input: { query: {}, token: TOKEN } });
    t.session.lock('idle');
    const before = t.calls.length;
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'session_locked' });
    expect(t.calls).toHaveLength(before);
  });

  it('locks after 10 minutes without activity; activity postpones it', async () => {
    const t = setup();
    await t.signIn();
    t.clock.advance(9 * 60_000);
    t.session.activity();
    t.clock.advance(9 * 60_000);
    expect(t.session.view().state).toBe('signedIn');
    t.clock.advance(60_000);
    expect(t.session.view()).toMatchObject({ state: 'locked', staff: { fullName: 'Nguyễn Thị Lan' }, lastLock: { reason: 'idle' } });
  });

  it('passes activity on to the hub at most once a minute, so the hub does not lock a busy console', async () => {
    const t = setup();
    await t.signIn();
    const touches = (): number => t.calls.filter((c) => c.key === 'staffAuth.me').length;
    t.session.activity();
    expect(touches()).toBe(0);
    t.clock.advance(61_000);
    t.session.activity();
    t.session.activity();
    expect(touches()).toBe(1);
  });

  it('unlocks with the password; a wrong password keeps it locked and the session alive', async () => {
    const t = setup();
    await t.signIn();
    t.clock.advance(10 * 60_000);
    expect(t.session.view().state).toBe('locked');
    await expect(t.session.unlock('wrong password')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.session.view().state).toBe('locked');
    await expect(t.session.unlock('right password here')).resolves.toMatchObject({ state: 'signedIn' });
    await t.session.staffHub.call('staff.requests', { query: {} });
  });

  it("follows the hub: session_locked locks the console, an unknown token signs it out", async () => {
    const t = setup();
    await t.signIn();
    t.set('staff.requests', () => {
      throw new KiotError('session_locked', 'locked');
    });
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'session_locked' });
    expect(t.session.view()).toMatchObject({ state: 'locked', lastLock: { reason: 'hubLocked' } });
    await t.session.unlock('right password here');
    t.set('staff.requests', () => {
      throw new KiotError('unauthorized', 'revoked');
    });
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.session.view()).toMatchObject({ state: 'signedOut', staff: null, lastLock: { reason: 'expired' } });
  });

  it('drops a hub answer that arrives after the console locked', async () => {
    let release: () => void = () => undefined;
    const t = setup({
      'staff.requests': () => new Promise((resolve) => (release = () => resolve({ requests: [{ id: 'r' }], total: 1 }))),
    });
    await t.signIn();
    const pending = t.session.staffHub.call('staff.requests', { query: {} });
    await Promise.resolve();
    await Promise.resolve();
    t.session.lock('idle');
    release();
    await expect(pending).rejects.toMatchObject({ code: 'session_locked' });
  });

  it('sign-out forgets the staff member and tells the hub', async () => {
    const t = setup();
    await t.signIn();
    const out = t.session.signOut();
    expect(out).toMatchObject({ state: 'signedOut', staff: null, lastLock: { reason: 'signOut' } });
    await Promise.resolve();
    expect(t.calls.at(-1)).toEqual({ key: 'staffAuth.signOut', input: { token: TOKEN } });
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('goes to the password change when the hub asks for it, and only then to signed in', async () => {
    let mustChange = true;
    const clockless = (locked = false): unknown => ({ staff: member, mustChangePassword: mustChange, expiresAt: '2026-11-26T02:00:00.000Z', locked });
    const t = setup({
      'staffAuth.verify': () => ({ ...(clockless() as object), token: TOKEN }),
      'staffAuth.changePassword': () => {
        mustChange = false;
        return { changed: true };
      },
      'staffAuth.me': () => clockless(),
    });
    await expect(t.signIn()).resolves.toBeUndefined();
    expect(t.session.view().state).toBe('changePassword');
    await expect(t.session.staffHub.call('staff.requests', { query: {} })).rejects.toMatchObject({ code: 'password_change_required' });
    await expect(t.session.changePassword({ currentPassword: 'right password here', newPassword: 'a much longer password' })).resolves.toMatchObject({ state: 'signedIn' });
  });

  it('signs out at the hard cap', async () => {
    const t = setup();
    await t.signIn();
    for (let i = 0; i < 80; i++) {
      t.clock.advance(9 * 60_000 + 59_000);
      t.session.activity();
    }
    expect(t.session.view()).toMatchObject({ state: 'signedOut', lastLock: { reason: 'expired' } });
  });
});
