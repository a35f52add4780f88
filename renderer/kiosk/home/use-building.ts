import { useEffect, useState } from 'react';
import type { BuildingPublic } from '../../../shared/contract/building';
import { safeCall } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

/**
 * The building's public data (notices, the office's phone and hours), read from what the
 * kiosk itself keeps, so it is there even while the hub is unreachable. Null until read, or
 * if it cannot be: the screens then leave those parts out.
 */
export function useBuilding(): BuildingPublic | null {
  const api = useKiot();
  const [building, setBuilding] = useState<BuildingPublic | null>(null);
  useEffect(() => {
    let live = true;
    void safeCall(() => api.building.public({})).then((result) => {
      if (live && result.ok) setBuilding(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return building;
}
