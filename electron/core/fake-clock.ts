import type { Clock, TimerHandle } from './api';

export type FakeClock = Clock & {
  /** Moves time forward, firing every timer that falls due, in due order (ties: creation order). */
  advance(ms: number): void;
  /** Jumps to an absolute time (must not go backwards), firing due timers. */
  setNow(ms: number): void;
  /** How many timers are pending; lets tests assert that nothing is left running. */
  pendingTimers(): number;
};

type Pending = { id: number; dueAt: number; fn: () => void };

/**
 * A manual clock for tests. Timers scheduled by a firing timer are honoured within the
 * same `advance` if they fall due before its end, so a once-per-second countdown ticks
 * correctly across one big `advance(15_000)`.
 */
export function createFakeClock(start: number = Date.UTC(2026, 10, 25, 2, 35, 0)): FakeClock {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const nextDue = (limit: number): Pending | undefined => {
    let best: Pending | undefined;
    for (const timer of pending.values()) {
      if (timer.dueAt > limit) continue;
      if (best === undefined || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    }
    return best;
  };

  const runUntil = (target: number): void => {
    if (target < now) throw new Error(`Fake clock cannot go backwards (now ${now}, asked ${target})`);
    for (;;) {
      const timer = nextDue(target);
      if (timer === undefined) break;
      pending.delete(timer.id);
      now = timer.dueAt;
      timer.fn();
    }
    now = target;
  };

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { id, dueAt: now + Math.max(0, ms), fn });
      return { id };
    },
    clearTimeout(handle: TimerHandle) {
      pending.delete(handle.id);
    },
    advance: (ms) => runUntil(now + ms),
    setNow: (ms) => runUntil(ms),
    pendingTimers: () => pending.size,
  };
}
