import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../electron/core/fake-clock';

describe('createFakeClock', () => {
  it('fires due timers in order, including ones scheduled while advancing', () => {
    const clock = createFakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    }, 100);
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 1000);
    clock.advance(300);
    expect(fired).toEqual(['a@100', 'c@150', 'b@200']);
    expect(clock.now()).toBe(300);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('fires simultaneous timers in creation order and honours clearTimeout', () => {
    const clock = createFakeClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 10);
    const two = clock.setTimeout(() => fired.push(2), 10);
    clock.setTimeout(() => fired.push(3), 10);
    clock.clearTimeout(two);
    clock.advance(10);
    expect(fired).toEqual([1, 3]);
  });

  it('refuses to go backwards', () => {
    const clock = createFakeClock(1000);
    expect(() => clock.setNow(999)).toThrow(/backwards/);
  });
});
