import { useCallback, useEffect, useRef, useState } from 'react';
import type { PurposeId, ReceiptChannel } from '../../../shared/consents';
import type { ConsentsView } from '../../../shared/contract/consents';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { safeCall } from '../../components/call';
import { useAction } from '../../components/use-action';
import type { Failure } from '../../components/use-action';

export type ConsentsStore = {
  view: ConsentsView | null;
  busy: boolean;
  failure: Failure | null;
  /** Records a change (in the kiosk's outbox) and shows it at once as "saved on this kiosk". */
  set(purposeId: PurposeId, granted: boolean): Promise<void>;
  setReceipts(channel: ReceiptChannel): Promise<void>;
};

/** How often a change waiting in the outbox is looked at again (a local call, not the hub). */
export const CHANGE_POLL_MS = 1000;

/**
 * The resident's consents for one screen: loaded when it opens; while a change waits for
 * the hub, its state is polled on this kiosk, and the list is reloaded once it is sent or refused.
 */
export function useConsents(): ConsentsStore {
  const api = useKiot();
  const resync = useResync();
  const { run, busy, failure } = useAction(resync);
  const [view, setView] = useState<ConsentsView | null>(null);
  const mounted = useRef(true);

  const load = useCallback((): Promise<void> => {
    const attempt = async (): Promise<void> => {
      const result = await run(() => api.consents.list({}), () => void attempt());
      if (result?.ok && mounted.current) setView(result.value);
    };
    return attempt();
  }, [api, run]);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  const waiting = (view?.purposes ?? []).filter((p) => p.change?.status.state === 'waiting').map((p) => p.change!.id);
  const waitingKey = waiting.join(',');
  useEffect(() => {
    if (waitingKey === '') return;
    const ids = waitingKey.split(',');
    const timer = setInterval(() => {
      void (async () => {
        for (const id of ids) {
          const result = await safeCall(() => api.consents.changeStatus({ id }));
          if (result.ok && result.value.status !== null && result.value.status.state !== 'waiting') {
            // Settled: the hub's own state (and this change's outcome) comes with the list.
            const fresh = await safeCall(() => api.consents.list({}));
            if (fresh.ok && mounted.current) setView(fresh.value);
            return;
          }
        }
      })();
    }, CHANGE_POLL_MS);
    return () => clearInterval(timer);
  }, [api, waitingKey]);

  const set = useCallback(
    async (purposeId: PurposeId, granted: boolean): Promise<void> => {
      const result = await run(() => api.consents.set({ purposeId, granted }));
      if (!result?.ok || !mounted.current) return;
      const { id, status } = result.value;
      setView((current) =>
        current === null
          ? current
          : { ...current, purposes: current.purposes.map((p) => (p.id === purposeId ? { ...p, granted, needsReview: false, change: { id, granted, status } } : p)) },
      );
      // Online, the hub usually has it by now: show "sent" without waiting for the poll.
      const fresh = await safeCall(() => api.consents.list({}));
      if (fresh.ok && mounted.current) setView(fresh.value);
    },
    [api, run],
  );

  const setReceipts = useCallback(
    async (channel: ReceiptChannel): Promise<void> => {
      const result = await run(() => api.consents.setReceipts({ channel }));
      if (result?.ok && mounted.current) setView((current) => (current === null ? current : { ...current, receiptChannel: channel }));
    },
    [api, run],
  );

  return { view, busy, failure, set, setReceipts };
}
