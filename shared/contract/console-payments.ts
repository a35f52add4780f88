/**
 * `consolePayments:*` — reconciliation in the manager console: incoming bank transfers to match
 * to bills by hand or set aside, the building's bills (find, mark paid in cash, export), bank
 * statements and months of bills imported from CSV, and the payment intents the nightly sweep
 * flagged. The core forwards each to the hub's `/v1/staff/payments/*` and `/v1/staff/bills/*`
 * routes with the signed-in staff member's token; the hub checks the role and audits every
 * write with its reason.
 */
import { z } from 'zod';
import { BillingMonth, BillStatus, LocalDate } from '../domain';
import {
  ExportBillsResponse,
  ImportBillsBody,
  ImportBillsResponse,
  ImportStatementBody,
  ImportStatementResponse,
  ReconciliationReason,
  StaffBillListResponse,
  StaffBillResponse,
  StaffPaymentIntentListResponse,
  TransferListResponse,
  TransferResponse,
} from '../hub-api/payment-reconciliation';
import { TransferMatch } from '../payments';
import type { DomainContract } from './common';

export const CONSOLE_PAYMENTS_PAGE = 50;

const Id = z.string().min(1).max(100);

export const ConsoleTransfersQuery = z
  .object({
    match: TransferMatch.optional(),
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    /** Zero-based, as the console's tables count pages. */
    pageIndex: z.number().int().min(0).max(9_999).optional(),
    pageSize: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type ConsoleTransfersQuery = z.infer<typeof ConsoleTransfersQuery>;

export const MatchTransferInput = z.object({ transferId: Id, billIds: z.array(Id).min(1).max(50), reason: ReconciliationReason }).strict();
export type MatchTransferInput = z.infer<typeof MatchTransferInput>;

export const IgnoreTransferInput = z.object({ transferId: Id, reason: ReconciliationReason }).strict();
export type IgnoreTransferInput = z.infer<typeof IgnoreTransferInput>;

export const ConsoleBillsQuery = z
  .object({
    unit: z.string().trim().min(1).max(40).optional(),
    month: BillingMonth.optional(),
    status: BillStatus.optional(),
    pageIndex: z.number().int().min(0).max(9_999).optional(),
    pageSize: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type ConsoleBillsQuery = z.infer<typeof ConsoleBillsQuery>;

export const PayCashInput = z.object({ billId: Id, reason: ReconciliationReason }).strict();
export type PayCashInput = z.infer<typeof PayCashInput>;

export const ExportBillsInput = z.object({ month: BillingMonth }).strict();
export type ExportBillsInput = z.infer<typeof ExportBillsInput>;

/** One chunk of a statement file, as the hub takes it; the console sends the chunks one after another for its progress bar. */
export const ImportStatementInput = ImportStatementBody;
export type ImportStatementInput = z.infer<typeof ImportStatementInput>;

export const ImportBillsInput = ImportBillsBody;
export type ImportBillsInput = z.input<typeof ImportBillsInput>;

export const IntentsQuery = z.object({ flaggedOnly: z.boolean().optional() }).strict();
export type IntentsQuery = z.infer<typeof IntentsQuery>;

export const consolePaymentsContract = {
  'consolePayments:transfers': { request: ConsoleTransfersQuery, response: TransferListResponse },
  'consolePayments:matchTransfer': { request: MatchTransferInput, response: TransferResponse },
  'consolePayments:ignoreTransfer': { request: IgnoreTransferInput, response: TransferResponse },
  'consolePayments:bills': { request: ConsoleBillsQuery, response: StaffBillListResponse },
  'consolePayments:payCash': { request: PayCashInput, response: StaffBillResponse },
  'consolePayments:exportBills': { request: ExportBillsInput, response: ExportBillsResponse },
  'consolePayments:importStatement': { request: ImportStatementInput, response: ImportStatementResponse },
  'consolePayments:importBills': { request: ImportBillsInput, response: ImportBillsResponse },
  'consolePayments:intents': { request: IntentsQuery, response: StaffPaymentIntentListResponse },
} as const satisfies DomainContract<'consolePayments'>;
