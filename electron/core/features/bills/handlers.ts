import type { DomainHandlers } from '../../api';
import type { BillsService } from './service';

export function createBillsHandlers(bills: BillsService): DomainHandlers<'bills'> {
  return {
    'bills:list': async () => ({ bills: await bills.list() }),
    'bills:get': async ({ billId }) => ({ bill: await bills.get(billId) }),
  };
}
