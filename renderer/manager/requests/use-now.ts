import { useEffect, useState } from 'react';

/** The current time (ms), refreshed every `everyMs` while the component is shown: countdowns tick on their own. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
