import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import { assertNever } from '../../shared/assert-never';
import type { AppInfo, SessionView } from '../../shared/contract';
import type { BuildingPublic } from '../../shared/contract/building';
import type { Locale } from '../../shared/domain';
import type { KiotApi } from '../../shared/kiot-api';
import type { AppError } from '../../shared/result';
import type {} from '../global';
import { KiotProvider } from '../components/KiotProvider';
import { TopBar } from '../components/TopBar';
import { createI18n, DEFAULT_LOCALE } from '../i18n/i18n';
import { I18nProvider, useLocale, useT } from '../i18n/I18nProvider';
import { clearWebStorage, isNewLock } from '../kiosk/session/wipe';
import { prefetchBoot, windowKiot } from './boot';
import type { BootData, BootPrefetch } from './boot';
import { createErrorReporter, installErrorReporting } from './error-reporting';
import type { ReportError } from './error-reporting';
import { ErrorBoundary } from './ErrorBoundary';
import { DeviceRevokedScreen } from './DeviceRevokedScreen';
import { FatalScreen } from './FatalScreen';
import { KioskShell } from './KioskShell';

/** An unattended kiosk should recover by itself once the hub is back. */
export const AUTO_RETRY_MS = 15_000;

type Boot = { status: 'loading' } | { status: 'failed'; error: AppError } | { status: 'ready'; info: AppInfo };

/** The bridge as found at one attempt to start; a retry looks again, as it may appear late. */
type Bridge = { api: KiotApi | undefined; attempt: number };

const noBridge: AppError = { code: 'internal', message: 'window.kiot is not available' };

export type AppProps = {
  /** Where to find the bridge; read again on every retry, as it may appear late. */
  getApi?: () => KiotApi | undefined;
  /**
   * The manager console's query cache, for tests; by default the console makes its own
   * (with @tanstack/query, in the console's chunk), and a new one after every lock. One given
   * here lives as long as the app and is emptied on every lock.
   */
  queryClient?: QueryClient;
  /**
   * The start-up calls main.tsx began before React loaded (`prefetchBoot`); used for the first
   * attempt only. Once settled, the first render is already the kiosk's or the console's screen.
   */
  boot?: BootPrefetch;
};

/** The whole renderer: language, error reporting, startup, and the kiosk or the console. */
export function App({ getApi = windowKiot, queryClient, boot }: AppProps): JSX.Element {
  const [i18n] = useState(() => createI18n(readyBoot(boot)?.info.defaultLocale ?? DEFAULT_LOCALE));
  const [report] = useState<ReportError>(() =>
    createErrorReporter({
      send: (error) => getApi()?.log.rendererError(error) ?? Promise.resolve(),
    }),
  );
  useEffect(() => installErrorReporting(window, report), [report]);

  return (
    <I18nProvider i18n={i18n}>
      <ErrorBoundary onError={(error, componentStack) => report(error, 'error-boundary', componentStack)}>
        <Root getApi={getApi} queryClient={queryClient} prefetched={boot} />
      </ErrorBoundary>
    </I18nProvider>
  );
}

/** A prefetch whose two calls have both answered well: what the first render can show at once. */
function readyBoot(prefetch: BootPrefetch | undefined): { info: AppInfo; view: SessionView; building: BuildingPublic | null } | null {
  const data: BootData | null = prefetch?.settled() ?? null;
  const view = prefetch?.latest() ?? null;
  if (!data?.info.ok || !data.session.ok || !view) return null;
  return { info: data.info.value, view, building: data.building.ok ? data.building.value : null };
}

type RootProps = { getApi: () => KiotApi | undefined; queryClient: QueryClient | undefined; prefetched: BootPrefetch | undefined };

function Root({ getApi, queryClient, prefetched }: RootProps): JSX.Element {
  const { setLocale } = useLocale();
  // Read once: a prefetch that had answered before the first render starts the app ready.
  const [early] = useState(() => readyBoot(prefetched));
  const [bridge, setBridge] = useState<Bridge>(() => ({ api: prefetched?.api ?? getApi(), attempt: 0 }));
  const [boot, setBoot] = useState<Boot>(() => (early ? { status: 'ready', info: early.info } : { status: 'loading' }));
  const [view, setView] = useState<SessionView | null>(early?.view ?? null);
  /** The hub refused this device: nothing else may be shown until IT enrolls it again. */
  const [revoked, setRevoked] = useState(early?.info.deviceRevoked === true);
  /** Bumped on every lock: the key of everything below that may hold a person's data. */
  const [generation, setGeneration] = useState(0);
  /** `lastLock.at` of the views seen so far; undefined before the first one. */
  const seenLockAt = useRef<string | null | undefined>(undefined);
  const defaultLocale = useRef<Locale>(early?.info.defaultLocale ?? DEFAULT_LOCALE);

  const applyView = useCallback(
    (next: SessionView) => {
      const at = next.lastLock?.at ?? null;
      if (seenLockAt.current === undefined) {
        // Nothing of a resident can be on screen yet, but storage may hold leftovers of a
        // renderer that crashed or was reloaded mid-session.
        seenLockAt.current = at;
        clearWebStorage();
      } else if (isNewLock(seenLockAt.current, next)) {
        seenLockAt.current = at;
        clearWebStorage();
        queryClient?.clear();
        setLocale(defaultLocale.current);
        setGeneration((g) => g + 1);
      }
      setView(next);
    },
    [queryClient, setLocale],
  );

  const retry = useCallback(() => {
    const api = getApi();
    setBoot({ status: 'loading' });
    setBridge((b) => ({ api, attempt: b.attempt + 1 }));
  }, [getApi]);

  useEffect(() => {
    const { api, attempt } = bridge;
    if (!api) return undefined;
    let current = true;
    let unsubscribe = (): void => {};
    let unsubscribeRevoked = (): void => {};
    let calls: BootPrefetch | undefined;
    const start = async (): Promise<void> => {
      try {
        unsubscribe = api.onSessionChanged((next) => {
          if (current) applyView(next);
        });
        unsubscribeRevoked = api.onAppDeviceRevoked(() => {
          if (current) setRevoked(true);
        });
      } catch {
        setBoot({ status: 'failed', error: noBridge });
        return;
      }
      // The first attempt takes main.tsx's start-up calls; a retry makes them afresh, the same way.
      calls = attempt === 0 && prefetched?.api === api ? prefetched : prefetchBoot(api);
      if (!calls) {
        setBoot({ status: 'failed', error: noBridge });
        return;
      }
      if (calls === prefetched && early) {
        // Already on screen from the first render; only a push since then is news.
        calls.release();
        applyView(calls.latest() ?? early.view);
        return;
      }
      const { info, session } = await calls.ready;
      calls.release();
      if (!current) return;
      if (!info.ok) {
        setBoot({ status: 'failed', error: info.error });
        return;
      }
      if (!session.ok) {
        setBoot({ status: 'failed', error: session.error });
        return;
      }
      if (info.value.deviceRevoked === true) setRevoked(true);
      defaultLocale.current = info.value.defaultLocale;
      setLocale(info.value.defaultLocale);
      applyView(calls.latest() ?? session.value);
      setBoot({ status: 'ready', info: info.value });
    };
    void start();
    return () => {
      current = false;
      calls?.release();
      unsubscribe();
      unsubscribeRevoked();
    };
  }, [bridge, applyView, setLocale, prefetched, early]);

  const failure = !bridge.api ? noBridge : boot.status === 'failed' ? boot.error : null;
  const failed = failure !== null;
  useEffect(() => {
    if (!failed) return undefined;
    const timer = setTimeout(retry, AUTO_RETRY_MS);
    return () => clearTimeout(timer);
  }, [failed, bridge, retry]);

  if (revoked) {
    return (
      <div className="app">
        <TopBar buildingName={null} />
        <main className="app-main">
          <DeviceRevokedScreen />
        </main>
      </div>
    );
  }
  if (failure) {
    return (
      <div className="app">
        <TopBar buildingName={null} />
        <main className="app-main">
          <FatalScreen error={failure} onRetry={retry} />
        </main>
      </div>
    );
  }
  if (boot.status !== 'ready' || !view || !bridge.api) return <LoadingScreen />;
  return (
    <KiotProvider api={bridge.api}>
      <ModeRoot
        info={boot.info}
        view={view}
        generation={generation}
        onView={applyView}
        queryClient={queryClient}
        building={generation === 0 ? (early?.building ?? null) : null}
      />
    </KiotProvider>
  );
}

function LoadingScreen(): JSX.Element {
  const t = useT();
  return (
    <div className="app">
      <main className="app-main">
        <p className="screen-center info-text" role="status">
          {t('common:loading')}
        </p>
      </main>
    </div>
  );
}

// The console (router and all) is its own chunk: a lobby kiosk never loads it.
const ManagerConsole = lazy(async () => ({ default: (await import('./ManagerConsole')).ManagerConsole }));

/** The kiosk or the console, keyed by the lock generation so a lock starts either afresh. */
type ModeRootProps = {
  info: AppInfo;
  view: SessionView;
  generation: number;
  onView(view: SessionView): void;
  queryClient: QueryClient | undefined;
  /** The building as read at start-up, for the first attract screen; null after a lock (the shell reads it afresh). */
  building: BuildingPublic | null;
};

function ModeRoot({ info, view, generation, onView, queryClient, building }: ModeRootProps): JSX.Element {
  switch (info.mode) {
    case 'kiosk':
      return <KioskShell key={generation} info={info} view={view} onView={onView} initialBuilding={building} />;
    case 'manager':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <ManagerConsole key={generation} queryClient={queryClient} />
        </Suspense>
      );
    default:
      return assertNever(info.mode, 'device mode');
  }
}
