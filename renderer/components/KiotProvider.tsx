import { createContext, useContext } from 'react';
import type { JSX, ReactNode } from 'react';
import type { KiotApi } from '../../shared/kiot-api';

const KiotContext = createContext<KiotApi | null>(null);

/** Hands `window.kiot` down the tree, so components never reach for the global themselves. */
export function KiotProvider({ api, children }: { api: KiotApi; children: ReactNode }): JSX.Element {
  return <KiotContext.Provider value={api}>{children}</KiotContext.Provider>;
}

export function useKiot(): KiotApi {
  const api = useContext(KiotContext);
  if (!api) throw new Error('useKiot outside <KiotProvider>');
  return api;
}

/** For the few parts shown before the bridge is known (the startup error screen's top bar). */
export function useOptionalKiot(): KiotApi | null {
  return useContext(KiotContext);
}
