import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import type { Bill } from '../../../shared/domain';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import type { Failure } from '../../components/use-action';

export type BillsStore = {
  /** Null until the first load succeeds. */
  bills: Bill[] | null;
  loading: boolean;
  failure: Failure | null;
  /** A fresher copy of one bill (from `bills:get`), so the list shows it too. */
  replace(bill: Bill): void;
};

const BillsContext = createContext<BillsStore | null>(null);

/**
 * The resident's bills, loaded once when they sign in and shared by the list and the detail
 * screens, so going back to the list shows it at once. It lives inside the signed-in part
 * of the tree, which a lock unmounts: the bills go with it.
 */
export function BillsProvider({ children }: { children: ReactNode }): JSX.Element {
  const api = useKiot();
  const resync = useResync();
  const { run, busy, failure } = useAction(resync);
  const [bills, setBills] = useState<Bill[] | null>(null);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await run(() => api.bills.list({}), () => void attempt());
      if (result?.ok) setBills(result.value.bills);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    void load();
  }, [load]);

  const replace = useCallback((bill: Bill) => {
    setBills((current) => current?.map((b) => (b.id === bill.id ? bill : b)) ?? current);
  }, []);

  const store = useMemo(() => ({ bills, loading: busy, failure, replace }), [bills, busy, failure, replace]);
  return <BillsContext.Provider value={store}>{children}</BillsContext.Provider>;
}

export function useBills(): BillsStore {
  const store = useContext(BillsContext);
  if (!store) throw new Error('useBills outside <BillsProvider>');
  return store;
}
