/**
 * Reconciliation in the core: each channel is one call to the hub's staff payment and bill
 * routes, made with the signed-in staff member's token. The core keeps nothing (no transfer,
 * bill or statement row outlives a locked console); the hub checks the role and audits each
 * write with its reason.
 */
import type {
  ConsoleBillsQuery,
  ConsoleTransfersQuery,
  ExportBillsInput,
  IgnoreTransferInput,
  ImportBillsInput,
  ImportStatementInput,
  IntentsQuery,
  MatchTransferInput,
  PayCashInput,
} from '../../../../shared/contract/console-payments';
import { CONSOLE_PAYMENTS_PAGE } from '../../../../shared/contract/console-payments';
import type {
  ExportBillsResponse,
  ImportBillsResponse,
  ImportStatementResponse,
  StaffBillListResponse,
  StaffPaymentIntentListResponse,
  TransferListResponse,
} from '../../../../shared/hub-api/payment-reconciliation';
import type { BankTransfer } from '../../../../shared/payments';
import type { Bill } from '../../../../shared/domain';
import type { StaffRouteKey, StaffRoutesCaller } from '../../session/staff-session';

export type ConsolePaymentsRoute = Extract<
  StaffRouteKey,
  | 'staff.transfers'
  | 'staff.matchTransfer'
  | 'staff.ignoreTransfer'
  | 'staff.bills'
  | 'staff.payBillCash'
  | 'staff.exportBills'
  | 'staff.importStatement'
  | 'staff.importBills'
  | 'staff.paymentIntents'
>;

export type ConsolePaymentsService = {
  transfers(query: ConsoleTransfersQuery): Promise<TransferListResponse>;
  matchTransfer(input: MatchTransferInput): Promise<BankTransfer>;
  ignoreTransfer(input: IgnoreTransferInput): Promise<BankTransfer>;
  bills(query: ConsoleBillsQuery): Promise<StaffBillListResponse>;
  payCash(input: PayCashInput): Promise<Bill>;
  exportBills(input: ExportBillsInput): Promise<ExportBillsResponse>;
  importStatement(input: ImportStatementInput): Promise<ImportStatementResponse>;
  importBills(input: ImportBillsInput): Promise<ImportBillsResponse>;
  intents(query: IntentsQuery): Promise<StaffPaymentIntentListResponse>;
};

/** The console counts pages from zero, the hub from one. */
function paging(pageIndex: number | undefined, pageSize: number | undefined): { page: number; pageSize: number } {
  return { page: (pageIndex ?? 0) + 1, pageSize: pageSize ?? CONSOLE_PAYMENTS_PAGE };
}

export function createConsolePaymentsService(deps: { staffHub: StaffRoutesCaller<ConsolePaymentsRoute> }): ConsolePaymentsService {
  const { staffHub } = deps;
  return {
    transfers: ({ match, from, to, pageIndex, pageSize }) =>
      staffHub.call('staff.transfers', {
        query: {
          ...(match !== undefined ? { match } : {}),
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
          ...paging(pageIndex, pageSize),
        },
      }),
    matchTransfer: async ({ transferId, billIds, reason }) => (await staffHub.call('staff.matchTransfer', { params: { id: transferId }, body: { billIds, reason } })).transfer,
    ignoreTransfer: async ({ transferId, reason }) => (await staffHub.call('staff.ignoreTransfer', { params: { id: transferId }, body: { reason } })).transfer,
    bills: ({ unit, month, status, pageIndex, pageSize }) =>
      staffHub.call('staff.bills', {
        query: {
          ...(unit !== undefined && unit !== '' ? { unit } : {}),
          ...(month !== undefined ? { month } : {}),
          ...(status !== undefined ? { status } : {}),
          ...paging(pageIndex, pageSize),
        },
      }),
    payCash: async ({ billId, reason }) => (await staffHub.call('staff.payBillCash', { params: { id: billId }, body: { reason } })).bill,
    exportBills: ({ month }) => staffHub.call('staff.exportBills', { query: { month } }),
    importStatement: (input) => staffHub.call('staff.importStatement', { body: input }),
    importBills: (input) => staffHub.call('staff.importBills', { body: input }),
    intents: ({ flaggedOnly }) => staffHub.call('staff.paymentIntents', { query: { flagged: flaggedOnly === false ? 'false' : 'true' } }),
  };
}
