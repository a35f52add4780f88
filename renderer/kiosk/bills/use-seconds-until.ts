import { useEffect, useState } from 'react';

/**
 * Whole seconds until `at` (ms since the epoch), ticking; 0 once passed. Render its user
 * keyed by `at`, so a new time starts from a fresh clock reading.
 */
export function useSecondsUntil(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [at]);
  return Math.max(0, Math.ceil((at - now) / 1000));
}
