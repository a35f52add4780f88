/**
 * Reconciliation in the console: transfers a manager matches by hand or sets aside, bills paid
 * in cash, bank statements imported and matched like webhook transfers, months of bills
 * imported from CSV and exported as CSV. Every write is one audit event with its reason.
 */
import type { StaffRole } from '../../shared/domain';
import type {
  ExportBillsQuery,
  ExportBillsResponse,
  IgnoreTransferBody,
  ImportBillsBody,
  ImportBillsResponse,
  ImportStatementBody,
  ImportStatementResponse,
  MatchTransferBody,
  PayBillCashBody,
  StaffBillListQuery,
  StaffBillListResponse,
  StaffBillResponse,
  StaffPaymentIntentListResponse,
  StaffPaymentIntentQuery,
  TransferListQuery,
  TransferListResponse,
  TransferResponse,
} from '../../shared/hub-api/payment-reconciliation';
import { KiotError } from '../../shared/result';

export type ReconciliationActor = { staffId: string; role: StaffRole; buildingId: string };

export type ReconciliationService = {
  listTransfers(actor: ReconciliationActor, query: TransferListQuery): Promise<TransferListResponse>;
  matchTransfer(actor: ReconciliationActor, id: string, body: MatchTransferBody): Promise<TransferResponse>;
  ignoreTransfer(actor: ReconciliationActor, id: string, body: IgnoreTransferBody): Promise<TransferResponse>;
  listBills(actor: ReconciliationActor, query: StaffBillListQuery): Promise<StaffBillListResponse>;
  payBillCash(actor: ReconciliationActor, id: string, body: PayBillCashBody): Promise<StaffBillResponse>;
  importStatement(actor: ReconciliationActor, body: ImportStatementBody): Promise<ImportStatementResponse>;
  importBills(actor: ReconciliationActor, body: ImportBillsBody): Promise<ImportBillsResponse>;
  exportBills(actor: ReconciliationActor, query: ExportBillsQuery): Promise<ExportBillsResponse>;
  listIntents(actor: ReconciliationActor, query: StaffPaymentIntentQuery): Promise<StaffPaymentIntentListResponse>;
};

const notYet = (): Promise<never> => Promise.reject(new KiotError('wrong_state', 'Reconciliation is being built'));

export function createReconciliationService(): ReconciliationService {
  return {
    listTransfers: notYet,
    matchTransfer: notYet,
    ignoreTransfer: notYet,
    listBills: notYet,
    payBillCash: notYet,
    importStatement: notYet,
    importBills: notYet,
    exportBills: notYet,
    listIntents: notYet,
  };
}
