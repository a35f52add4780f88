/**
 * The `staff` domain of the fake `window.kiot`: a staff session that answers like the core's
 * (tests/unit/core covers the real one). Signed in as a manager by default, so console page
 * tests start on their page; the shell's own tests start signed out.
 */
import type { ChannelName } from '../../../../shared/channels';
import type { StaffLockReason, StaffView } from '../../../../shared/contract';
import type { StaffMember } from '../../../../shared/contract/staff';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { AppError, Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export type FakeStaffOptions = {
  state?: StaffView['state'];
  staff?: StaffMember;
  username?: string;
  password?: string;
  code?: string;
  /** Sign-in leads to the first-password change. */
  mustChangePassword?: boolean;
};

export type FakeStaffControls = {
  view(): StaffView;
  /** The core locks (idle, the hub said locked) or signs out (expired token). */
  lock(reason: StaffLockReason): void;
  expire(): void;
  set(next: Partial<StaffView>): void;
};

export const demoStaff: StaffMember = { fullName: 'Nguyễn Thị Lan', role: 'manager', buildingId: 'b-1' };

export function createFakeStaff(handle: Handle, options: FakeStaffOptions = {}): { api: KiotApi['staff']; onChanged: KiotApi['onStaffChanged']; controls: FakeStaffControls } {
  const member = options.staff ?? demoStaff;
  const username = options.username ?? 'lan.nguyen';
  let password = options.password ?? 'demo-password-2026';
  const code = options.code ?? '123456';
  const state = options.state ?? 'signedIn';
  let view: StaffView = {
    state,
    staff: state === 'signedOut' || state === 'code' ? null : { ...member },
    codeExpiresAt: state === 'code' ? new Date(Date.now() + 300_000).toISOString() : null,
    idleSeconds: 600,
    lastLock: null,
  };
  let lockMs = Date.parse('2026-11-25T02:00:00.000Z');
  const listeners = new Set<(v: StaffView) => void>();
  const fail = (c: AppError['code'], extra: Partial<AppError> = {}): Result<never> => ({ ok: false, error: { code: c, message: c, ...extra } });
  const update = (next: Partial<StaffView>): StaffView => {
    view = { ...view, ...next };
    const snapshot = structuredClone(view);
    for (const l of [...listeners]) l(snapshot);
    return structuredClone(view);
  };
  const lockedAt = (): string => {
    lockMs += 1000;
    return new Date(lockMs).toISOString();
  };
  const ok = <T>(value: T): Result<T> => ({ ok: true, value });

  const api: KiotApi['staff'] = {
    get: (request) => handle('staff:get', request, () => ok(structuredClone(view))),
    signIn: (request) =>
      handle('staff:signIn', request, () => {
        if (view.state !== 'signedOut' && view.state !== 'code') return fail('wrong_state');
        if (request.username.trim().toLowerCase() !== username || request.password !== password) return fail('unauthorized');
        return ok(update({ state: 'code', codeExpiresAt: new Date(Date.now() + 300_000).toISOString() }));
      }),
    verify: (request) =>
      handle('staff:verify', request, () => {
        if (view.state !== 'code') return fail('wrong_state');
        if (request.code !== code) return fail('wrong_code', { attemptsLeft: 4 });
        return ok(update({ state: options.mustChangePassword === true ? 'changePassword' : 'signedIn', staff: { ...member }, codeExpiresAt: null }));
      }),
    cancel: (request) => handle('staff:cancel', request, () => ok(view.state === 'code' ? update({ state: 'signedOut', codeExpiresAt: null }) : structuredClone(view))),
    changePassword: (request) =>
      handle('staff:changePassword', request, () => {
        if (view.state !== 'changePassword' && view.state !== 'signedIn') return fail('wrong_state');
        if (request.currentPassword !== password) return fail('unauthorized');
        if (request.newPassword.length < 12 || request.newPassword.toLowerCase().includes(username)) return fail('password_weak');
        password = request.newPassword;
        return ok(update({ state: 'signedIn' }));
      }),
    unlock: (request) =>
      handle('staff:unlock', request, () => {
        if (view.state !== 'locked') return fail('wrong_state');
        if (request.password !== password) return fail('unauthorized');
        return ok(update({ state: 'signedIn' }));
      }),
    signOut: (request) =>
      handle('staff:signOut', request, () => {
        const had = view.state === 'signedIn' || view.state === 'locked' || view.state === 'changePassword';
        return ok(update({ state: 'signedOut', staff: null, codeExpiresAt: null, ...(had ? { lastLock: { reason: 'signOut' as const, at: lockedAt() } } : {}) }));
      }),
    activity: (request) => handle('staff:activity', request, () => ok({})),
  };

  return {
    api,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    controls: {
      view: () => structuredClone(view),
      lock: (reason) => {
        update({ state: 'locked', lastLock: { reason, at: lockedAt() } });
      },
      expire: () => {
        update({ state: 'signedOut', staff: null, lastLock: { reason: 'expired', at: lockedAt() } });
      },
      set: (next) => {
        update(next);
      },
    },
  };
}
