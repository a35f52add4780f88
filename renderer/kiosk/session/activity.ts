import { useEffect } from 'react';
import type { KiotApi } from '../../../shared/kiot-api';
import { safeCall } from '../../components/call';
import { createThrottle } from './throttle';

/** The main process wants a heartbeat now and then, not on every touch. */
export const ACTIVITY_INTERVAL_MS = 5000;
const activityEvents = ['pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Tells the main process that someone is still at the kiosk, so its idle timer starts over.
 * Off while `enabled` is false (the attract screen has no session to keep alive).
 */
export function useActivityHeartbeat(api: KiotApi, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const throttle = createThrottle(ACTIVITY_INTERVAL_MS);
    const onActivity = (): void => throttle(() => void safeCall(() => api.session.activity({})));
    for (const type of activityEvents) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of activityEvents) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [api, enabled]);
}
