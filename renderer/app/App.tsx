import { useCallback, useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { AppInfo, SessionView } from '../shared/contract';
import type { Locale } from '../shared/domain';
import type { KiotApi } from '../shared/kiot-api';
import type { AppError } from '../shared/result';
import type {} from './global';
import { KiotProvider } from './components/KiotProvider';
import { TopBar } from './components/TopBar';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { DEFAULT_LOCALE } from './i18n/translate';
import { safeCall } from './kiosk/call';
import { FatalScreen } from './kiosk/FatalScreen';
import { KioskShell } from './kiosk/KioskShell';
import { clearWebStorage, isNewLock } from './kiosk/wipe';

/** An unattended kiosk should recover by itself once the hub is back. */
export const AUTO_RETRY_MS = 15_000;

type Boot =
  | { status: 'loading' }
  | { status: 'failed'; error: AppError }
  | { status: 'ready'; api: KiotApi; info: AppInfo };

const noBridge: AppError = { code: 'internal', message: 'window.kiot is not available' };

export type AppProps = {
  /** Where to find the bridge; read again on every retry, as it may appear late. */
  getApi?: () => KiotApi | undefined;
};

export function App({ getApi = defaultGetApi }: AppProps): JSX.Element {
  return (
    <I18nProvider initialLocale={DEFAULT_LOCALE}>
      <Root getApi={getApi} />
    </I18nProvider>
  );
}

function defaultGetApi(): KiotApi | undefined {
  return (window as Partial<Window>).kiot;
}

function Root({ getApi }: { getApi: () => KiotApi | undefined }): JSX.Element {
  const { setLocale, t } = useI18n();
  const [attempt, setAttempt] = useState(0);
  const [boot, setBoot] = useState<Boot>({ status: 'loading' });
  const [view, setView] = useState<SessionView | null>(null);
  /** Bumped on every lock: the key of the resident's subtree. */
  const [generation, setGeneration] = useState(0);
  /** `lastLock.at` of the views seen so far; undefined before the first one. */
  const seenLockAt = useRef<string | null | undefined>(undefined);
  const defaultLocale = useRef<Locale>(DEFAULT_LOCALE);

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
        setLocale(defaultLocale.current);
        setGeneration((g) => g + 1);
      }
      setView(next);
    },
    [setLocale],
  );

  useEffect(() => {
    setBoot({ status: 'loading' });
    const api = getApi();
    if (!api) {
      setBoot({ status: 'failed', error: noBridge });
      return undefined;
    }
    let current = true;
    let unsubscribe = (): void => {};
    try {
      unsubscribe = api.onSessionChanged((next) => {
        if (current) applyView(next);
      });
    } catch {
      setBoot({ status: 'failed', error: noBridge });
      return undefined;
    }
    void (async () => {
      const info = await safeCall(() => api.app.info({}));
      if (!current) return;
      if (!info.ok) {
        setBoot({ status: 'failed', error: info.error });
        return;
      }
      const session = await safeCall(() => api.session.get({}));
      if (!current) return;
      if (!session.ok) {
        setBoot({ status: 'failed', error: session.error });
        return;
      }
      defaultLocale.current = info.value.defaultLocale;
      setLocale(info.value.defaultLocale);
      applyView(session.value);
      setBoot({ status: 'ready', api, info: info.value });
    })();
    return () => {
      current = false;
      unsubscribe();
    };
  }, [attempt, getApi, applyView, setLocale]);

  const failed = boot.status === 'failed';
  useEffect(() => {
    if (!failed) return undefined;
    const timer = setTimeout(() => setAttempt((a) => a + 1), AUTO_RETRY_MS);
    return () => clearTimeout(timer);
  }, [failed, attempt]);

  if (boot.status === 'failed') {
    return (
      <div className="app">
        <TopBar buildingName={null} />
        <main className="app-main">
          <FatalScreen error={boot.error} onRetry={() => setAttempt((a) => a + 1)} />
        </main>
      </div>
    );
  }
  if (boot.status === 'loading' || !view) {
    return (
      <div className="app">
        <main className="app-main">
          <p className="screen-center info-text" role="status">
            {t('app.loading')}
          </p>
        </main>
      </div>
    );
  }
  if (boot.info.mode !== 'kiosk') {
    return (
      <div className="app">
        <TopBar buildingName={boot.info.buildingName} />
        <main className="app-main">
          <p className="screen-center info-text">{t('app.managerUnavailable')}</p>
        </main>
      </div>
    );
  }
  return (
    <KiotProvider api={boot.api}>
      <KioskShell key={generation} info={boot.info} view={view} onView={applyView} />
    </KiotProvider>
  );
}
