import type { AppInfo, SessionView } from '../../shared/contract';
import type { BuildingPublic } from '../../shared/contract/building';
import type { KiotApi } from '../../shared/kiot-api';
import type { Result } from '../../shared/result';
import { safeCall } from '../components/call';

/** The bridge the preload (or the web host) put on the page, if any. */
export function windowKiot(): KiotApi | undefined {
  return (window as Partial<Window>).kiot;
}

/**
 * What the first screen needs from the main process: who this device is, where the session
 * stands, and (for a kiosk's attract screen) what it holds of the building.
 */
export type BootData = { info: Result<AppInfo>; session: Result<SessionView>; building: Result<BuildingPublic> };

/**
 * The start-up calls, begun before React is loaded into the page: both at once, while the
 * entry script is still being evaluated, so the first render can already be the right screen.
 */
export type BootPrefetch = {
  readonly api: KiotApi;
  readonly ready: Promise<BootData>;
  /** The answers once all of them have come, else null. */
  settled(): BootData | null;
  /**
   * The newest session view seen since the prefetch began: the answer to `session:get`, or a change
   * the main process pushed after it (a push and an answer travel in order on one channel).
   */
  latest(): SessionView | null;
  /** Stops listening for pushes; the app's own listener takes over. */
  release(): void;
};

/**
 * Starts `app:info`, `session:get` and `building:public` together (the last is a local read,
 * whose answer the attract screen would otherwise ask for after its first render and then be
 * laid out twice); undefined when there is no bridge to ask.
 */
export function prefetchBoot(api: KiotApi | undefined): BootPrefetch | undefined {
  if (!api) return undefined;
  let settled: BootData | null = null;
  let latest: SessionView | null = null;
  let unsubscribe: () => void;
  try {
    unsubscribe = api.onSessionChanged((view) => {
      latest = view;
    });
  } catch {
    // A broken bridge: the app finds out for itself and says so.
    return undefined;
  }
  const info = safeCall(() => api.app.info({}));
  const session = safeCall(() => api.session.get({})).then((result) => {
    if (result.ok) latest = result.value;
    return result;
  });
  const building = safeCall(() => api.building.public({}));
  const ready = Promise.all([info, session, building]).then(([i, s, b]): BootData => {
    settled = { info: i, session: s, building: b };
    return settled;
  });
  return {
    api,
    ready,
    settled: () => settled,
    latest: () => latest,
    release: () => unsubscribe(),
  };
}

/** Waits for the prefetch at most `ms`: a slow main process gets the loading screen, not a blank one. */
export async function awaitBoot(prefetch: BootPrefetch | undefined, ms: number): Promise<void> {
  if (!prefetch) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([prefetch.ready, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
