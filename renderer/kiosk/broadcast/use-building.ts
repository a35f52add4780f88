import { useEffect, useRef, useState } from 'react';
import type { BuildingPublic } from '../../../shared/contract/building';
import type { KiotApi } from '../../../shared/kiot-api';
import { safeCall } from '../../components/call';

/**
 * How often the screen re-reads what the kiosk holds of the building (a local read, no hub
 * call): an emergency broadcast shows at most this long after the kiosk pulled it (pulls
 * run every 15 s).
 */
export const BUILDING_REFRESH_MS = 2_000;

/**
 * The building's public data (name, announcements, a live emergency), kept fresh; `initial`
 * (what start-up already read) or null until the first read. A read that brings nothing new
 * leaves the screen alone.
 */
export function useBuildingPublic(api: KiotApi, initial: BuildingPublic | null = null, refreshMs: number = BUILDING_REFRESH_MS): BuildingPublic | null {
  const [data, setData] = useState<BuildingPublic | null>(initial);
  const seen = useRef<string | null>(initial === null ? null : JSON.stringify(initial));
  useEffect(() => {
    let alive = true;
    const read = async (): Promise<void> => {
      const result = await safeCall(() => api.building.public({}));
      if (!alive || !result.ok) return;
      const text = JSON.stringify(result.value);
      if (text === seen.current) return;
      seen.current = text;
      setData(result.value);
    };
    if (seen.current === null) void read();
    const timer = setInterval(() => void read(), refreshMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api, refreshMs]);
  return data;
}
