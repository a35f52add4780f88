import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import type { Bill } from '../../../shared/domain';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import type { Failure } from '../../components/use-action';
import { isRetryable } from '../../i18n/error-text';

export type BillsStore = {
  /** Null until the first load succeeds; kept when a later load fails. */
  bills: Bill[] | null;
  loading: boolean;
  failure: Failure | null;
  /** When the bills shown were read (ms since the epoch); null before the first success. */
  fetchedAt: number | null;
  /** While the hub cannot be reached: when the next automatic try starts (ms since the epoch). */
  retryAt: number | null;
  /** A fresher copy of one bill (from `bills:get`), so the list shows it too. */
  replace(bill: Bill): void;
  /** Reads the bills again now. */
  reload(): void;
  /** Reads them again if what is shown is older than `STALE_MS`, or none could be read. */
  refreshIfStale(): void;
  /** How the list was left (paid history shown, months opened), so Back from a bill finds it so. */
  view: BillsView;
  setView(view: BillsView): void;
};

/** `open` null: the default, the newest month open. */
export type BillsView = { showPaid: boolean; open: ReadonlySet<string> | null };

/** Bills shown this long ago are read again when the resident comes back to the list or home. */
export const STALE_MS = 60_000;
/** Waits between automatic tries while the hub cannot be reached; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [15_000, 30_000, 60_000];

const BillsContext = createContext<BillsStore | null>(null);

/**
 * The resident's bills, loaded when they sign in and shared by the home, list and detail
 * screens. A failed reload keeps the bills already shown (with when they were read) and
 * tries again by itself while the failure is worth retrying. It lives inside the signed-in
 * part of the tree, which a lock unmounts: the bills, and any pending retry, go with it.
 */
export function BillsProvider({ children }: { children: ReactNode }): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const { run, busy, failure } = useAction(resync);
  const [bills, setBills] = useState<Bill[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [view, setView] = useState<BillsView>({ showPaid: false, open: null });
  const failedTries = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      setRetryAt(null);
      const result = await run(() => api.bills.list({}), () => void attempt());
      if (result === null) return;
      if (result.ok) {
        failedTries.current = 0;
        setBills(result.value.bills);
        setFetchedAt(Date.now());
        return;
      }
      if (!isRetryable(result.error)) return;
      const delay = RETRY_DELAYS_MS[Math.min(failedTries.current, RETRY_DELAYS_MS.length - 1)] ?? 60_000;
      failedTries.current += 1;
      setRetryAt(Date.now() + delay);
      timer.current = setTimeout(() => void attempt(), delay);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    void load();
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load]);

  const replace = useCallback((bill: Bill) => {
    setBills((current) => current?.map((b) => (b.id === bill.id ? bill : b)) ?? current);
  }, []);

  const reload = useCallback(() => void load(), [load]);
  const refreshIfStale = useCallback(() => {
    // A failed read already has its automatic retry on the way.
    if (failure !== null || busy) return;
    if (fetchedAt === null || Date.now() - fetchedAt >= STALE_MS) void load();
  }, [busy, failure, fetchedAt, load]);

  const store = useMemo(
    () => ({ bills, loading: busy, failure, fetchedAt, retryAt, replace, reload, refreshIfStale, view, setView }),
    [bills, busy, failure, fetchedAt, retryAt, replace, reload, refreshIfStale, view],
  );
  return <BillsContext.Provider value={store}>{children}</BillsContext.Provider>;
}

export function useBills(): BillsStore {
  const store = useContext(BillsContext);
  if (!store) throw new Error('useBills outside <BillsProvider>');
  return store;
}
