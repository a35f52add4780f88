import { useEffect, useState } from 'react';

/**
 * Whole seconds left of `seconds` counted from `since` (ms since the epoch), ticking down,
 * never negative. A new `since` starts over from the full `seconds`, with no stale tick
 * from the previous count shown in between.
 */
export function useSecondsLeft(since: number, seconds: number): number {
  const [tick, setTick] = useState<{ since: number; now: number } | null>(null);
  const now = tick?.since === since ? tick.now : since;
  const left = Math.max(0, Math.ceil((since + seconds * 1000 - now) / 1000));
  const running = left > 0;

  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setTick({ since, now: Date.now() }), 250);
    return () => clearInterval(timer);
  }, [since, running]);

  return left;
}
