/** Reconciliation in the console (`/v1/staff/payments/…`, `/v1/staff/bills…`); who may call what is in the route table. */
import type { AuthenticatedCaller } from '../http/authenticate';
import type { HandlersOf } from '../http/register-routes';
import type { ReconciliationActor, ReconciliationService } from '../services/payment-reconciliation';

type ReconciliationRouteKey =
  | 'staff.transfers'
  | 'staff.matchTransfer'
  | 'staff.ignoreTransfer'
  | 'staff.bills'
  | 'staff.payBillCash'
  | 'staff.importStatement'
  | 'staff.importBills'
  | 'staff.exportBills'
  | 'staff.paymentIntents';

type StaffCaller = Extract<AuthenticatedCaller, { kind: 'staff' }>;

// An operator-wide administrator works on the building of the workstation they sit at.
const actor = (caller: StaffCaller): ReconciliationActor => ({ staffId: caller.staffId, role: caller.role, buildingId: caller.buildingId ?? caller.device.buildingId });

export function createReconciliationHandlers(deps: { reconciliation: ReconciliationService }): HandlersOf<ReconciliationRouteKey> {
  const { reconciliation } = deps;
  return {
    'staff.transfers': async ({ query }, caller) => reconciliation.listTransfers(actor(caller), query),
    'staff.matchTransfer': async ({ params, body }, caller) => reconciliation.matchTransfer(actor(caller), params.id, body),
    'staff.ignoreTransfer': async ({ params, body }, caller) => reconciliation.ignoreTransfer(actor(caller), params.id, body),
    'staff.bills': async ({ query }, caller) => reconciliation.listBills(actor(caller), query),
    'staff.payBillCash': async ({ params, body }, caller) => reconciliation.payBillCash(actor(caller), params.id, body),
    'staff.importStatement': async ({ body }, caller) => reconciliation.importStatement(actor(caller), body),
    'staff.importBills': async ({ body }, caller) => reconciliation.importBills(actor(caller), body),
    'staff.exportBills': async ({ query }, caller) => reconciliation.exportBills(actor(caller), query),
    'staff.paymentIntents': async ({ query }, caller) => reconciliation.listIntents(actor(caller), query),
  };
}
