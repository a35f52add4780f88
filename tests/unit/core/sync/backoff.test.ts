import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../../../electron/core/sync/backoff';

describe('createBackoff (full jitter)', () => {
  it('draws each wait uniformly below min(cap, base·2^(n-1))', () => {
    const draws = [0.999_999, 0.5, 0];
    let i = 0;
    const highest = createBackoff({ baseMs: 1000, capMs: 300_000, random: () => 0.999_999 });
    const ceilings = Array.from({ length: 12 }, () => highest.next());
    // Just below each ceiling: 1 s, 2 s, 4 s, … then held at the 5-minute cap.
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15_999, 31_999, 63_999, 127_999, 255_999, 299_999, 299_999, 299_999]);

    const mixed = createBackoff({ baseMs: 1000, capMs: 300_000, random: () => draws[i++ % draws.length] ?? 0 });
    expect([mixed.next(), mixed.next(), mixed.next()]).toEqual([999, 1000, 1]);
  });

  it('never waits 0 ms (no tight loop) and never beyond the cap, whatever the random source says', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const b = createBackoff({ baseMs: 1000, capMs: 300_000, random });
    for (let n = 1; n <= 200; n++) {
      const wait = b.next();
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThan(Math.min(300_000, 1000 * 2 ** Math.min(n - 1, 40)));
    }
    expect(b.failures).toBe(200);
    const zero = createBackoff({ baseMs: 1000, capMs: 300_000, random: () => 0 });
    expect(zero.next()).toBe(1);
  });

  it('starts again from the base after a reset', () => {
    const b = createBackoff({ baseMs: 1000, capMs: 300_000, random: () => 0.999_999 });
    for (let n = 0; n < 6; n++) b.next();
    expect(b.next()).toBe(63_999);
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(999);
  });
});
