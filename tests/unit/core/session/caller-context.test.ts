import { describe, expect, it } from 'vitest';
import { createUuidV7 } from '../../../../electron/core/platform/uuid-v7';
import { createCallerContext } from '../../../../electron/core/session/caller-context';
import { createSession } from '../../../../electron/core/session/resident-session';
import { createFakeClock } from '../../../fixtures/fake-clock';

const resident = { id: 'r1', fullName: 'Nguyễn Văn An', unitLabel: 'A-1203', buildingName: 'Tòa A' };
const device = { deviceId: 'dev_1', buildingId: 'bld_1', mode: 'kiosk' as const };

function setup(): { session: ReturnType<typeof createSession>; context: ReturnType<typeof createCallerContext> } {
  const clock = createFakeClock(Date.UTC(2026, 10, 25, 3, 0, 0));
  const session = createSession({ clock, idleSeconds: 60, countdownSeconds: 15, sessionMaxSeconds: 600, wipe: () => {}, emit: () => {} });
  const context = createCallerContext({ device: { ...device, deviceSecret: 'never-in-context' } as typeof device, session, newRequestId: createUuidV7(clock.now) });
  return { session, context };
}

describe('caller context', () => {
  it('is anonymous, in Vietnamese, for this device before anyone signs in', () => {
    const { context } = setup();
    expect(context()).toEqual({ requestId: expect.any(String), device, actor: { kind: 'anonymous' }, locale: 'vi' });
    expect(JSON.stringify(context())).not.toContain('never-in-context');
  });

  it('names the resident and their unit once signed in, and nobody again after the lock', () => {
    const { session, context } = setup();
    session.start();
    session.codeSent({ maskedPhone: '+84 *** *** 678', requestId: 'req', phone: '+84912345678' });
    expect(context().actor).toEqual({ kind: 'anonymous' });
    session.signedIn({ resident, unitId: 'unit-7', token: 't'.repeat(40) });
    expect(context().actor).toEqual({ kind: 'resident', residentId: 'r1', unitId: 'unit-7' });
    session.lock('signOut');
    expect(context().actor).toEqual({ kind: 'anonymous' });
  });

  it('carries the session language', () => {
    const { session, context } = setup();
    session.setLocale('en');
    expect(context().locale).toBe('en');
    session.lock('idle');
    expect(context().locale).toBe('vi');
  });

  it('has a fresh, increasing request id per call, even within one millisecond', () => {
    const { context } = setup();
    const ids = Array.from({ length: 50 }, () => context().requestId);
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
  });

  it('is a snapshot: changing it does not change the next one', () => {
    const { context } = setup();
    const first = context();
    first.device.deviceId = 'tampered';
    expect(context().device.deviceId).toBe('dev_1');
  });
});
