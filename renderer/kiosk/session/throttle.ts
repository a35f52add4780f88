/**
 * Lets one call through, then ignores calls for `intervalMs`. The activity heartbeat only
 * needs to tell the main process "someone is here" now and then, not on every touch.
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now): (fn: () => void) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (fn) => {
    const at = now();
    if (at - last < intervalMs) return;
    last = at;
    fn();
  };
}
