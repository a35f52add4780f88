/**
 * The kiosk core's clock for end-to-end tests: it reads the real time (the hub runs on real
 * time, and session views carry timestamps), but its timers fire only when the test calls
 * `advance` — so the idle lock happens exactly when the test says, not after a real 8-second
 * wait that a slow machine may or may not fit in a timeout.
 */
import type { Clock, TimerHandle } from '../../electron/core/api';

export type ManualTimersClock = Clock & {
  /** Moves the kiosk's time forward by `ms`, firing the timers that fall due, in due order. */
  advance(ms: number): void;
};

type Pending = { id: number; dueAt: number; fn: () => void };

// A timer may schedule another (the countdown ticks once a second); bounded all the same.
const MAX_FIRINGS_PER_ADVANCE = 10_000;

export function createManualTimersClock(realNow: () => number = Date.now): ManualTimersClock {
  let offset = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const now = (): number => realNow() + offset;

  const nextDue = (limit: number): Pending | undefined => {
    let best: Pending | undefined;
    for (const timer of pending.values()) {
      if (timer.dueAt > limit) continue;
      if (best === undefined || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    }
    return best;
  };

  return {
    now,
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const id = nextId++;
      pending.set(id, { id, dueAt: now() + Math.max(0, ms), fn });
      return { id };
    },
    clearTimeout(handle: TimerHandle): void {
      pending.delete(handle.id);
    },
    advance(ms: number): void {
      const target = now() + ms;
      for (let i = 0; i < MAX_FIRINGS_PER_ADVANCE; i++) {
        const timer = nextDue(target);
        if (timer === undefined) break;
        pending.delete(timer.id);
        // Time stands at the timer's due moment while it runs, as it would with real timers.
        offset += Math.max(0, timer.dueAt - now());
        timer.fn();
      }
      offset += Math.max(0, target - now());
    },
  };
}
