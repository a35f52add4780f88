/**
 * The staff session of a manager workstation. It owns the staff token (in memory only: it is
 * never written to disk, so a stolen disk or a crash dump of the database holds none), the
 * sign-in challenge, the idle lock and the hard cap. The renderer only ever sees a `StaffView`.
 *
 * signedOut ─signIn→ code ─verify→ changePassword ─changePassword→ signedIn
 *                       └────────────verify (no change needed)─────────↑
 * signedIn ─idle | hub says session_locked→ locked ─unlock(password)→ signedIn
 * any state ─signOut | hub refuses the token | hard cap→ signedOut
 *
 * Other console features reach the hub through `staffHub.call`, which adds the staff token,
 * refuses to call while the console is not signed in, and turns the hub's "locked" and
 * "no such session" answers into the matching state here, so every page sees the same lock.
 */
import { assertNever } from '../../../shared/assert-never';
import type { StaffLockReason, StaffView } from '../../../shared/contract';
import type { StaffChangePasswordInput, StaffMember, StaffSignInInput } from '../../../shared/contract/staff';
import type { HubRouteKey, HubRoutes, ResponseOf, StaffSessionResponse } from '../../../shared/hub-api';
import type { Logger } from '../../../shared/logger';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import type { Clock, TimerHandle } from '../api';
import type { CallInput, HubClient } from '../platform/hub-client';

export const STAFF_IDLE_SECONDS = 10 * 60;
/** Activity is passed on to the hub at most this often, so the hub's own idle lock stays in step. */
export const STAFF_HUB_TOUCH_SECONDS = 60;

/** The hub routes a signed-in staff member calls: every route whose caller is staff. */
export type StaffRouteKey = { [K in HubRouteKey]: HubRoutes[K]['caller'] extends { kind: 'staff' } ? K : never }[HubRouteKey];

/** What a staff route takes, without the token: the staff hub client adds it. */
export type StaffCallInput<K extends StaffRouteKey> = Omit<CallInput<HubRoutes[K]>, 'token'>;

/** The staff hub client narrowed to routes `R`: what one console feature needs, and all its tests fake. */
export type StaffRoutesCaller<R extends StaffRouteKey> = {
  call<K extends R>(key: K, input: StaffCallInput<K>): Promise<ResponseOf<HubRoutes[K]>>;
};

/** The client console features use to call the hub as the signed-in staff member. */
export type StaffHub = StaffRoutesCaller<StaffRouteKey>;

/** Who is signed in, for the core's caller context and logs; never sent to the renderer as is. */
export type SignedInStaff = { staffId: string; role: StaffMember['role']; buildingId: string | null };

export type StaffSessionDeps = {
  hub: Pick<HubClient, 'call'>;
  clock: Clock;
  /** Receives the new view after every change (`staff:changed`). */
  emit: (view: StaffView) => void;
  idleSeconds?: number;
  hubTouchSeconds?: number;
  logger?: Logger;
};

export type StaffSession = {
  view(): StaffView;
  readonly signedInAs: SignedInStaff | null;
  signIn(input: StaffSignInInput): Promise<StaffView>;
  verify(code: string): Promise<StaffView>;
  cancel(): StaffView;
  changePassword(input: StaffChangePasswordInput): Promise<StaffView>;
  unlock(password: string): Promise<StaffView>;
  signOut(): StaffView;
  /** Throttled heartbeat from the console: restarts the idle timer. */
  activity(): void;
  /** Locks a signed-in session now (idle, system suspend, renderer crash). */
  lock(reason: StaffLockReason): StaffView;
  readonly staffHub: StaffHub;
  dispose(): void;
};

type Secrets = {
  challengeId: string | null;
  codeExpiresAt: string | null;
  token: string | null;
  staffId: string | null;
  staff: StaffMember | null;
};

const empty = (): Secrets => ({ challengeId: null, codeExpiresAt: null, token: null, staffId: null, staff: null });

export function createStaffSession(deps: StaffSessionDeps): StaffSession {
  const { clock, hub } = deps;
  const log = (deps.logger ?? silentLogger).child('staff-session');
  const idleSeconds = deps.idleSeconds ?? STAFF_IDLE_SECONDS;
  const touchMs = (deps.hubTouchSeconds ?? STAFF_HUB_TOUCH_SECONDS) * 1000;

  let state: StaffView['state'] = 'signedOut';
  let secrets: Secrets = empty();
  let lastLock: StaffView['lastLock'] = null;
  /** Bumped whenever the session's secrets or its lock change: a late hub answer compares it. */
  let epoch = 0;
  let idleTimer: TimerHandle | null = null;
  let capTimer: TimerHandle | null = null;
  let lastHubTouch = 0;

  const view = (): StaffView => ({
    state,
    staff: secrets.staff === null ? null : { ...secrets.staff },
    codeExpiresAt: state === 'code' ? secrets.codeExpiresAt : null,
    idleSeconds,
    lastLock: lastLock === null ? null : { ...lastLock },
  });

  const emit = (): StaffView => {
    const v = view();
    try {
      deps.emit(v);
    } catch (err) {
      log.warn('staff view listener failed', { error: err instanceof Error ? err.message : String(err) });
    }
    return v;
  };

  const clearTimer = (timer: TimerHandle | null): null => {
    if (timer !== null) clock.clearTimeout(timer);
    return null;
  };

  const armIdle = (): void => {
    idleTimer = clearTimer(idleTimer);
    if (state !== 'signedIn' && state !== 'changePassword') return;
    idleTimer = clock.setTimeout(() => {
      idleTimer = null;
      lock('idle');
    }, idleSeconds * 1000);
  };

  const armCap = (expiresAt: string): void => {
    capTimer = clearTimer(capTimer);
    const ms = Math.max(0, Date.parse(expiresAt) - clock.now());
    capTimer = clock.setTimeout(() => {
      capTimer = null;
      end('expired');
    }, ms);
  };

  /** Forgets everything of the session; tells the hub (best effort) when a token existed. */
  function end(reason: StaffLockReason): StaffView {
    const token = secrets.token;
    const hadSession = state === 'signedIn' || state === 'locked' || state === 'changePassword';
    idleTimer = clearTimer(idleTimer);
    capTimer = clearTimer(capTimer);
    secrets = empty();
    epoch += 1;
    state = 'signedOut';
    if (hadSession) lastLock = { reason, at: new Date(clock.now()).toISOString() };
    if (token !== null && reason !== 'expired') {
      hub.call('staffAuth.signOut', { token }).catch((err: unknown) => {
        log.warn('hub sign-out failed; the staff session expires at the hub on its own', { error: err instanceof Error ? err.message : String(err) });
      });
    }
    return emit();
  }

  function lock(reason: StaffLockReason): StaffView {
    if (state !== 'signedIn' && state !== 'changePassword') return view();
    idleTimer = clearTimer(idleTimer);
    epoch += 1;
    state = 'locked';
    lastLock = { reason, at: new Date(clock.now()).toISOString() };
    log.info('staff session locked', { reason });
    return emit();
  }

  /** The hub's word on the session after a sign-in step, unlock or password change. */
  function apply(answer: StaffSessionResponse): StaffView {
    secrets.staff = { fullName: answer.staff.fullName, role: answer.staff.role, buildingId: answer.staff.buildingId };
    secrets.staffId = answer.staff.id;
    secrets.challengeId = null;
    secrets.codeExpiresAt = null;
    state = answer.locked ? 'locked' : answer.mustChangePassword ? 'changePassword' : 'signedIn';
    lastHubTouch = clock.now();
    armCap(answer.expiresAt);
    armIdle();
    return emit();
  }

  /** After the hub answered: still the same session? Otherwise the answer is dropped. */
  const stale = (since: number): KiotError | null => (epoch === since ? null : new KiotError('wrong_state', 'The staff session changed meanwhile'));

  /** A token-bearing call's typed refusal, applied to the state machine. */
  function onHubRefusal(err: unknown, since: number): void {
    if (!(err instanceof KiotError) || epoch !== since) return;
    switch (err.code) {
      case 'session_locked':
        lock('hubLocked');
        return;
      case 'password_change_required':
        if (state === 'signedIn') {
          state = 'changePassword';
          emit();
        }
        return;
      default:
        return;
    }
  }

  /**
   * `unauthorized` means either a wrong password or a token the hub no longer knows. Asking
   * the hub who is signed in tells the two apart: the session survives the first, not the second.
   */
  async function checkAlive(token: string, since: number): Promise<boolean> {
    try {
      await hub.call('staffAuth.me', { token });
      return true;
    } catch (err) {
      if (err instanceof KiotError && err.code === 'unauthorized' && epoch === since) end('expired');
      return false;
    }
  }

  const requireToken = (): string => {
    switch (state) {
      case 'signedIn':
      case 'changePassword':
      case 'locked':
        if (secrets.token !== null) return secrets.token;
        throw new KiotError('unauthorized', 'No staff session');
      case 'signedOut':
      case 'code':
        throw new KiotError('unauthorized', 'No staff session');
      default:
        return assertNever(state, 'staff state');
    }
  };

  const staffHub: StaffHub = {
    async call(key, input) {
      switch (state) {
        case 'signedIn':
          break;
        case 'locked':
          throw new KiotError('session_locked', 'The console is locked');
        case 'changePassword':
          throw new KiotError('password_change_required', 'Change the one-time password first');
        case 'signedOut':
        case 'code':
          throw new KiotError('unauthorized', 'Nobody is signed in on this console');
        default:
          return assertNever(state, 'staff state');
      }
      const token = requireToken();
      const since = epoch;
      try {
        const answer = await hub.call(key, { ...input, token } as CallInput<HubRoutes[typeof key]>);
        // Locked or signed out while the hub answered: nothing of it may reach a locked console.
        const changed = stale(since);
        if (changed !== null) throw new KiotError(view().state === 'locked' ? 'session_locked' : 'unauthorized', changed.message);
        return answer;
      } catch (err) {
        if (err instanceof KiotError && err.code === 'unauthorized' && epoch === since) {
          // Revoked, expired, or the workstation was revoked: nothing to unlock.
          end('expired');
        } else {
          onHubRefusal(err, since);
        }
        throw err;
      }
    },
  };

  return {
    view,
    get signedInAs() {
      if (state !== 'signedIn' || secrets.staffId === null || secrets.staff === null) return null;
      return { staffId: secrets.staffId, role: secrets.staff.role, buildingId: secrets.staff.buildingId };
    },

    async signIn(input) {
      if (state !== 'signedOut' && state !== 'code') throw new KiotError('wrong_state', 'Already signed in');
      const since = epoch;
      const answer = await hub.call('staffAuth.signIn', { body: { username: input.username, password: input.password } });
      const changed = stale(since);
      if (changed !== null) throw changed;
      epoch += 1;
      secrets = { ...empty(), challengeId: answer.challengeId, codeExpiresAt: answer.expiresAt };
      state = 'code';
      return emit();
    },

    async verify(code) {
      if (state !== 'code' || secrets.challengeId === null) throw new KiotError('wrong_state', 'No sign-in code was sent');
      const since = epoch;
      const answer = await hub.call('staffAuth.verify', { body: { challengeId: secrets.challengeId, code } });
      const changed = stale(since);
      if (changed !== null) {
        // The code worked but the console moved on: close that session at the hub too.
        hub.call('staffAuth.signOut', { token: answer.token }).catch(() => undefined);
        throw changed;
      }
      epoch += 1;
      secrets.token = answer.token;
      lastLock = null;
      log.info('staff signed in', { role: answer.staff.role });
      return apply(answer);
    },

    cancel() {
      if (state !== 'code') return view();
      epoch += 1;
      secrets = empty();
      state = 'signedOut';
      return emit();
    },

    async changePassword(input) {
      if (state !== 'changePassword' && state !== 'signedIn') throw new KiotError('wrong_state', 'Not signed in');
      const token = requireToken();
      const since = epoch;
      try {
        await hub.call('staffAuth.changePassword', { token, body: { currentPassword: input.currentPassword, newPassword: input.newPassword } });
      } catch (err) {
        if (err instanceof KiotError && err.code === 'unauthorized' && !(await checkAlive(token, since))) throw err;
        onHubRefusal(err, since);
        throw err;
      }
      const answer = await hub.call('staffAuth.me', { token });
      const changed = stale(since);
      if (changed !== null) throw changed;
      return apply(answer);
    },

    async unlock(password) {
      if (state !== 'locked') throw new KiotError('wrong_state', 'The console is not locked');
      const token = requireToken();
      const since = epoch;
      let answer: StaffSessionResponse;
      try {
        answer = await hub.call('staffAuth.unlock', { token, body: { password } });
      } catch (err) {
        if (err instanceof KiotError && err.code === 'unauthorized') await checkAlive(token, since);
        throw err;
      }
      const changed = stale(since);
      if (changed !== null) throw changed;
      epoch += 1;
      return apply(answer);
    },

    signOut: () => end('signOut'),

    activity() {
      if (state !== 'signedIn' && state !== 'changePassword') return;
      armIdle();
      const now = clock.now();
      if (now - lastHubTouch < touchMs || secrets.token === null) return;
      lastHubTouch = now;
      const since = epoch;
      // Keeps the hub's idle clock in step with someone working on pages that call nothing.
      hub.call('staffAuth.me', { token: secrets.token }).then(
        (answer) => {
          if (epoch === since && answer.locked) lock('hubLocked');
        },
        (err: unknown) => {
          if (err instanceof KiotError && err.code === 'unauthorized' && epoch === since) end('expired');
          else onHubRefusal(err, since);
        },
      );
    },

    lock,
    staffHub,

    dispose() {
      idleTimer = clearTimer(idleTimer);
      capTimer = clearTimer(capTimer);
      secrets = empty();
      epoch += 1;
      state = 'signedOut';
    },
  };
}
