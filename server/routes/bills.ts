import type { BillService } from '../services/bills';
import type { HandlersOf } from '../http/register-routes';

export function createBillHandlers(deps: { bills: BillService }): HandlersOf<'me.bills'> {
  return {
    'me.bills': async (_input, { resident }) => ({ bills: await deps.bills.listForUnit({ id: resident.unitId, label: resident.unitLabel }) }),
  };
}
