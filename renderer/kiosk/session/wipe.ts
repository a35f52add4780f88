import { clearDisplayModes } from '../../components/DisplayModes';

/**
 * Clears the renderer's web storage and the display modes (larger text, reach) on the
 * document root. The kiosk keeps nothing of a resident there, but a lock must leave nothing
 * behind even if some code (or a future library) did.
 */
export function clearWebStorage(): void {
  clearDisplayModes();
  for (const storage of [() => window.localStorage, () => window.sessionStorage]) {
    try {
      storage().clear();
    } catch {
      // Storage can be unavailable (opaque origin, disabled); then there is nothing to clear.
    }
  }
}

/** Whether a session view reports a lock the renderer has not wiped for yet. */
export function isNewLock(seenAt: string | null, view: { lastLock: { at: string } | null }): boolean {
  return (view.lastLock?.at ?? null) !== seenAt;
}
