import type { Clock, TimerHandle } from '../api';

/** The real clock, for production. Tests use `createFakeClock` instead. */
export function createSystemClock(): Clock {
  let nextId = 1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      // A pending session timer must not keep a Node process (tests, scripts) alive.
      timer.unref?.();
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle: TimerHandle) {
      const timer = timers.get(handle.id);
      if (timer !== undefined) {
        clearTimeout(timer);
        timers.delete(handle.id);
      }
    },
  };
}
