import { describe, expect, it } from 'vitest';
import { createSystemClock } from '../../../../electron/core/platform/clock';

describe('createSystemClock', () => {
  it('tells the real time and fires and cancels real timers', async () => {
    const clock = createSystemClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('kept'), 5);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 5);
    clock.clearTimeout(cancelled);
    clock.clearTimeout(cancelled);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['kept']);
  });
});
