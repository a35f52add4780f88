import type { Bill } from '../../../../shared/domain';
import { KiotError } from '../../../../shared/result';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { Session } from '../../session/resident-session';
import type { SessionCache } from '../../session/session-cache';

export type BillsServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'listBills'>;
  cache: SessionCache;
};

export type BillsService = {
  /** Fresh from the hub; cached for the rest of the session. */
  list(): Promise<Bill[]>;
  /** From the session cache when it holds the bill, else from the hub. */
  get(billId: string): Promise<Bill>;
};

export function createBillsService(deps: BillsServiceDeps): BillsService {
  const { session, hub, cache } = deps;

  const fetchBills = async (): Promise<Bill[]> => {
    const token = requireSignedIn(session);
    const epoch = session.epoch;
    const { bills } = await hub.listBills(token);
    assertSameSession(session, epoch);
    cache.put('bills', bills);
    return bills;
  };

  // Written only by fetchBills above, from the hub's validated response.
  const cachedBills = (): Bill[] | undefined => cache.get('bills') as Bill[] | undefined;

  return {
    async list() {
      requireSignedIn(session);
      session.activity();
      return fetchBills();
    },
    async get(billId) {
      requireSignedIn(session);
      session.activity();
      const find = (bills: Bill[] | undefined): Bill | undefined => bills?.find((b) => b.id === billId);
      const bill = find(cachedBills()) ?? find(await fetchBills());
      if (bill === undefined) throw new KiotError('not_found', 'No such bill for this resident');
      return bill;
    },
  };
}
