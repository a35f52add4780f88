import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../shared/contract';
import { SessionView as SessionViewSchema } from '../../../../shared/contract';
import { createFakeClock } from '../../../fixtures/fake-clock';
import type { FakeClock } from '../../../fixtures/fake-clock';
import { createSession } from '../../../../electron/core/session/resident-session';
import type { Session } from '../../../../electron/core/session/resident-session';
import { KiotError } from '../../../../shared/result';
import { createLogger } from '../../../../shared/logger';
import type { LogEntry } from '../../../../shared/logger';

const resident = { id: 'r1', fullName: 'Nguyễn Văn An', unitLabel: 'A-1203', buildingName: 'Tòa A' };

describe('session state machine', () => {
  let clock: FakeClock;
  let session: Session;
  let views: SessionView[];
  let wipes: number;

  beforeEach(() => {
    clock = createFakeClock(Date.UTC(2026, 10, 25, 3, 0, 0));
    views = [];
    wipes = 0;
    session = createSession({
      clock,
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      wipe: () => {
        wipes += 1;
      },
      emit: (view) => views.push(view),
    });
  });

  const last = (): SessionView => {
    const v = views.at(-1);
    if (v === undefined) throw new Error('no view emitted');
    return v;
  };

  const signIn = (): void => {
    session.start();
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-1', phone: '+84912345678' });
    session.signedIn({ resident, unitId: 'unit-1', token: 't'.repeat(40) });
  };

  it('starts in attract with no timers running', () => {
    expect(session.view()).toEqual({ state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock: null });
    clock.advance(3_600_000);
    expect(views).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('walks attract → phone → code → signedIn, emitting a valid view each time', () => {
    session.start();
    expect(last().state).toBe('phone');
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-1', phone: '+84912345678' });
    expect(last()).toMatchObject({ state: 'code', maskedPhone: '+84 *** *** 678' });
    expect(session.otpRequestId).toBe('req-1');
    session.signedIn({ resident, unitId: 'unit-1', token: 'secret-token-'.repeat(3) });
    expect(last()).toMatchObject({ state: 'signedIn', resident });
    expect(session.residentToken).toBe('secret-token-'.repeat(3));
    expect(session.otpRequestId).toBeNull();
    expect(views.map((v) => v.state)).toEqual(['phone', 'code', 'signedIn']);
    for (const v of views) expect(SessionViewSchema.safeParse(v).success).toBe(true);
    // The secrets of a session are never part of what the renderer sees.
    expect(JSON.stringify(views)).not.toContain('secret-token');
    expect(JSON.stringify(views)).not.toContain('req-1');
  });

  it('goes back from code to phone, discarding the request', () => {
    session.start();
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-1', phone: '+84912345678' });
    const epoch = session.epoch;
    session.start();
    expect(last()).toMatchObject({ state: 'phone', maskedPhone: null });
    expect(session.otpRequestId).toBeNull();
    expect(session.epoch).not.toBe(epoch);
  });

  it('refuses transitions from the wrong state with wrong_state', () => {
    expect(() => session.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' })).toThrow(KiotError);
    expect(() => session.signedIn({ resident, unitId: 'unit-1', token: 't' })).toThrowError(expect.objectContaining({ code: 'wrong_state' }));
    session.start();
    expect(() => session.signedIn({ resident, unitId: 'unit-1', token: 't' })).toThrowError(expect.objectContaining({ code: 'wrong_state' }));
    session.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' });
    session.signedIn({ resident, unitId: 'unit-1', token: 't' });
    expect(() => session.start()).toThrowError(expect.objectContaining({ code: 'wrong_state' }));
    expect(() => session.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' })).toThrowError(expect.objectContaining({ code: 'wrong_state' }));
  });

  it('starts the countdown after idleSeconds, ticks once per second, then locks for idle', () => {
    signIn();
    views = [];
    clock.advance(59_999);
    expect(views).toEqual([]);
    clock.advance(1);
    expect(last().countdown).toEqual({ endsAt: new Date(clock.now() + 15_000).toISOString(), secondsLeft: 15 });
    clock.advance(1000);
    expect(last().countdown?.secondsLeft).toBe(14);
    clock.advance(13_000);
    expect(last().countdown?.secondsLeft).toBe(1);
    expect(wipes).toBe(0);
    clock.advance(1000);
    expect(last()).toEqual({
      state: 'attract',
      countdown: null,
      maskedPhone: null,
      resident: null,
      lastLock: { reason: 'idle', at: new Date(clock.now()).toISOString() },
    });
    expect(views.map((v) => v.countdown?.secondsLeft ?? null)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, null]);
    expect(wipes).toBe(1);
    expect(session.residentToken).toBeNull();
    expect(session.resident).toBeNull();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('activity restarts the idle timer', () => {
    signIn();
    views = [];
    clock.advance(50_000);
    session.activity();
    clock.advance(50_000);
    session.activity();
    clock.advance(59_000);
    expect(views).toEqual([]);
    clock.advance(1000);
    expect(last().countdown?.secondsLeft).toBe(15);
  });

  it('a transition counts as activity', () => {
    session.start();
    clock.advance(50_000);
    session.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' });
    clock.advance(59_000);
    expect(last().countdown).toBeNull();
  });

  it('activity during the countdown does not dismiss it; only continue does', () => {
    signIn();
    clock.advance(60_000);
    expect(last().countdown).not.toBeNull();
    clock.advance(5000);
    session.activity();
    clock.advance(1000);
    expect(last().countdown?.secondsLeft).toBe(9);
    const view = session.continue();
    expect(view.countdown).toBeNull();
    expect(last()).toEqual(view);
    expect(view.state).toBe('signedIn');
    // The idle timer starts again from the Continue press.
    views = [];
    clock.advance(59_999);
    expect(views).toEqual([]);
    clock.advance(1);
    expect(last().countdown?.secondsLeft).toBe(15);
  });

  it('continue without a countdown changes nothing and emits nothing', () => {
    signIn();
    const before = views.length;
    expect(session.continue().state).toBe('signedIn');
    expect(views.length).toBe(before);
  });

  it('locks at the hard cap even with constant activity', () => {
    session.start();
    const startedAt = clock.now();
    for (let i = 0; i < 59; i++) {
      clock.advance(10_000);
      session.activity();
    }
    expect(session.state).toBe('phone');
    clock.advance(10_000);
    expect(clock.now() - startedAt).toBe(600_000);
    expect(last()).toMatchObject({ state: 'attract', lastLock: { reason: 'hardCap' } });
    expect(wipes).toBe(1);
  });

  it('the hard cap is not extended by continue', () => {
    signIn();
    const startedAt = clock.now();
    for (let i = 0; i < 9; i++) {
      clock.advance(65_000);
      expect(last().countdown).not.toBeNull();
      session.continue();
    }
    clock.advance(14_999);
    expect(session.state).toBe('signedIn');
    clock.advance(1);
    expect(clock.now() - startedAt).toBe(600_000);
    expect(last().lastLock?.reason).toBe('hardCap');
  });

  it('lock wipes, clears the resident, records lastLock and stops the timers', () => {
    signIn();
    clock.advance(1234);
    const view = session.lock('signOut');
    expect(view).toEqual({
      state: 'attract',
      countdown: null,
      maskedPhone: null,
      resident: null,
      lastLock: { reason: 'signOut', at: new Date(clock.now()).toISOString() },
    });
    expect(last()).toEqual(view);
    expect(wipes).toBe(1);
    expect(session.residentToken).toBeNull();
    expect(clock.pendingTimers()).toBe(0);
    // A new session starts clean and keeps the previous lock visible until the next one.
    session.start();
    expect(last()).toMatchObject({ state: 'phone', lastLock: { reason: 'signOut' } });
  });

  it('locks from attract too (suspend while idle) so the renderer still resets', () => {
    session.lock('suspend');
    expect(last().lastLock?.reason).toBe('suspend');
    expect(wipes).toBe(1);
  });

  it('lock clears memory and returns to attract even if the wipe fails', () => {
    const failing = createSession({
      clock,
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      wipe: () => {
        throw new Error('disk I/O error');
      },
      emit: () => {},
    });
    failing.start();
    failing.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' });
    failing.signedIn({ resident, unitId: 'unit-1', token: 't' });
    expect(failing.lock('crash')).toMatchObject({ state: 'attract', resident: null, lastLock: { reason: 'crash' } });
    expect(failing.residentToken).toBeNull();
  });

  it('dispose stops every timer', () => {
    signIn();
    session.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('keeps the number of the code request in main until back, lock or sign-in, never in a view', () => {
    session.start();
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-1', phone: '+84912345678' });
    expect(session.otpPhone).toBe('+84912345678');
    session.start();
    expect(session.otpPhone).toBeNull();

    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-2', phone: '+84912345678' });
    session.lock('idle');
    expect(session.otpPhone).toBeNull();

    session.start();
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req-3', phone: '+84912345678' });
    session.signedIn({ resident, unitId: 'unit-1', token: 't'.repeat(40) });
    expect(session.otpPhone).toBeNull();
    expect(JSON.stringify(views)).not.toContain('912345678');
  });

  it('remembers who signed in (resident and unit ids) until the lock, without adding the unit to the view', () => {
    expect(session.signedInAs).toBeNull();
    signIn();
    expect(session.signedInAs).toEqual({ residentId: 'r1', unitId: 'unit-1' });
    expect(JSON.stringify(views)).not.toContain('unit-1');
    expect(Object.keys(last()).sort()).toEqual(['countdown', 'lastLock', 'maskedPhone', 'resident', 'state']);
    session.lock('signOut');
    expect(session.signedInAs).toBeNull();
  });

  it('keeps the chosen language until the lock sets it back to Vietnamese, without emitting a view', () => {
    expect(session.locale).toBe('vi');
    session.setLocale('en');
    session.start();
    expect(session.locale).toBe('en');
    const emitted = views.length;
    session.setLocale('en');
    expect(views.length).toBe(emitted);
    signIn();
    expect(session.locale).toBe('en');
    session.lock('idle');
    expect(session.locale).toBe('vi');
  });

  it('keeps ticking correctly across one large advance', () => {
    signIn();
    views = [];
    clock.advance(75_000);
    expect(views).toHaveLength(16);
    expect(last().lastLock?.reason).toBe('idle');
  });
  it('activity during the countdown arms no second timer, so the countdown runs out on time', () => {
    // An idle time shorter than the countdown: a second idle timer would fire inside the
    // countdown and start it over, keeping a walked-away resident signed in.
    const short = createSession({ clock, idleSeconds: 5, countdownSeconds: 15, sessionMaxSeconds: 600, wipe: () => {}, emit: (v) => views.push(v) });
    short.start();
    short.codeSent({ maskedPhone: 'x', requestId: 'r', phone: '+84912345678' });
    short.signedIn({ resident, unitId: 'unit-1', token: 't' });
    clock.advance(5000);
    expect(last().countdown?.secondsLeft).toBe(15);
    const pending = clock.pendingTimers();
    for (let i = 0; i < 14; i += 1) {
      short.activity();
      expect(clock.pendingTimers()).toBe(pending);
      clock.advance(1000);
      expect(last().countdown?.secondsLeft).toBe(14 - i);
    }
    short.activity();
    clock.advance(1000);
    expect(last()).toMatchObject({ state: 'attract', lastLock: { reason: 'idle' } });
  });

  it('activity in attract and after dispose arms nothing', () => {
    session.activity();
    expect(clock.pendingTimers()).toBe(0);
    signIn();
    session.dispose();
    session.activity();
    expect(clock.pendingTimers()).toBe(0);
    views = [];
    clock.advance(3_600_000);
    expect(views).toEqual([]);
  });

  it('back to phone entry while already on it keeps the epoch and emits nothing', () => {
    session.start();
    const epoch = session.epoch;
    views = [];
    expect(session.start()).toMatchObject({ state: 'phone' });
    expect(session.epoch).toBe(epoch);
    expect(views).toEqual([]);
  });

  it('survives a listener that throws, and logs it', () => {
    const entries: LogEntry[] = [];
    const throwing = createSession({
      clock,
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      wipe: () => {},
      emit: () => {
        throw new Error('renderer gone');
      },
      logger: createLogger('test', (e) => entries.push(e)),
    });
    expect(throwing.start()).toMatchObject({ state: 'phone' });
    expect(throwing.state).toBe('phone');
    expect(entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'session listener threw', data: { error: 'renderer gone' } }));
  });

  it('logs a failed cache wipe and every lock with its reason', () => {
    const entries: LogEntry[] = [];
    const failing = createSession({
      clock,
      idleSeconds: 60,
      countdownSeconds: 15,
      sessionMaxSeconds: 600,
      wipe: () => {
        throw new Error('disk I/O error');
      },
      emit: () => {},
      logger: createLogger('test', (e) => entries.push(e)),
    });
    failing.start();
    failing.lock('crash');
    expect(entries.map((e) => [e.level, e.msg, e.data])).toEqual([
      ['error', 'failed to wipe the session cache', { error: 'disk I/O error' }],
      ['info', 'session locked', { reason: 'crash' }],
    ]);
  });
});
