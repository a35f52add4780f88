/**
 * Wire schemas of reconciliation in the console: bank transfers to match or set aside, bills
 * to find or mark paid in cash, bank statements and months of bills imported from CSV, bills
 * exported as CSV, and payment intents the nightly sweep flagged.
 */
import { z } from 'zod';
import { Bill, BillingMonth, BillStatus, Instant, LocalDate, Vnd } from '../domain';
import { BankTransfer, IncomingTransfer, PaymentIntent, TransferMatch } from '../payments';

/** Why a manager matched, ignored or marked paid: kept in the audit trail. */
export const ReconciliationReason = z.string().trim().min(3).max(500);

const Page = z.coerce.number().int().min(1).max(10_000).default(1);
const PageSize = z.coerce.number().int().min(1).max(200).default(50);

/* ---------- Transfers ---------- */

export const TransferListQuery = z
  .object({
    /** One match state; without it every transfer, those needing a manager first. */
    match: TransferMatch.optional(),
    /** Received on or after this day (Vietnam time). */
    from: LocalDate.optional(),
    /** Received on or before this day (Vietnam time). */
    to: LocalDate.optional(),
    page: Page,
    pageSize: PageSize,
  })
  .strict();
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const TransferListResponse = z.object({
  /** Unmatched and overpaid first, then partial, then the rest; newest first within each. */
  transfers: z.array(BankTransfer),
  total: z.number().int().min(0),
});
export type TransferListResponse = z.infer<typeof TransferListResponse>;

export const TransferParams = z.object({ id: z.string().min(1).max(100) });
export type TransferParams = z.infer<typeof TransferParams>;

export const MatchTransferBody = z
  .object({
    /** Bills of one unit the transfer pays, oldest due first; the transfer's amount is spread over them in that order. */
    billIds: z.array(z.string().min(1).max(100)).min(1).max(50),
    reason: ReconciliationReason,
  })
  .strict();
export type MatchTransferBody = z.infer<typeof MatchTransferBody>;

export const IgnoreTransferBody = z.object({ reason: ReconciliationReason }).strict();
export type IgnoreTransferBody = z.infer<typeof IgnoreTransferBody>;

export const TransferResponse = z.object({ transfer: BankTransfer });
export type TransferResponse = z.infer<typeof TransferResponse>;

/* ---------- Bills ---------- */

export const StaffBillListQuery = z
  .object({
    /** A unit label, exact (`A-12.03`). */
    unit: z.string().trim().min(1).max(40).optional(),
    month: BillingMonth.optional(),
    status: BillStatus.optional(),
    page: Page,
    pageSize: PageSize,
  })
  .strict();
export type StaffBillListQuery = z.infer<typeof StaffBillListQuery>;

export const StaffBillListResponse = z.object({
  /** Newest month first, then by unit label and service. */
  bills: z.array(Bill),
  total: z.number().int().min(0),
});
export type StaffBillListResponse = z.infer<typeof StaffBillListResponse>;

export const BillParams = z.object({ id: z.string().min(1).max(100) });
export type BillParams = z.infer<typeof BillParams>;

export const PayBillCashBody = z.object({ reason: ReconciliationReason }).strict();
export type PayBillCashBody = z.infer<typeof PayBillCashBody>;

export const StaffBillResponse = z.object({ bill: Bill });
export type StaffBillResponse = z.infer<typeof StaffBillResponse>;

/* ---------- Statement import ---------- */

/** One statement line as `shared/statement-csv.ts` reads it: a transfer before matching, without source or provider. */
export const StatementRow = IncomingTransfer.omit({ source: true, provider: true }).extend({
  /** The row number as the file shows it (header = 1), for the console to point at. */
  line: z.number().int().min(1),
});
export type StatementRow = z.infer<typeof StatementRow>;

export const STATEMENT_ROWS_PER_CALL = 2_000;
/** 2,000 rows of at most ~1.3 kB each, with room to spare. */
export const STATEMENT_IMPORT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export const ImportStatementBody = z
  .object({
    /** One id for all the chunks of one file (the audit trail groups them by it). */
    importId: z.uuid(),
    /** The bank preset the file was read with (`vietcombank`, `manual`…): the provider becomes `statement:<bank>`. */
    bank: z.string().regex(/^[a-z0-9-]{2,30}$/),
    rows: z.array(StatementRow).min(1).max(STATEMENT_ROWS_PER_CALL),
  })
  .strict();
export type ImportStatementBody = z.infer<typeof ImportStatementBody>;

/**
 * What became of one row: the match state of the transfer it recorded; `duplicate` when the
 * bank reference was already recorded (a statement imported twice records nothing twice);
 * `outgoing` for money leaving the account (skipped); `wrong_account` for a transfer to
 * another account than the building's.
 */
export const StatementRowOutcome = z.enum(['matched', 'partial', 'overpaid', 'unmatched', 'duplicate', 'outgoing', 'wrong_account']);
export type StatementRowOutcome = z.infer<typeof StatementRowOutcome>;

export const StatementRowResult = z.object({
  line: z.number().int().min(1),
  outcome: StatementRowOutcome,
  transferId: z.string().nullable(),
});
export type StatementRowResult = z.infer<typeof StatementRowResult>;

export const ImportStatementResponse = z.object({
  results: z.array(StatementRowResult),
  counts: z.record(StatementRowOutcome, z.number().int().min(0)),
});
export type ImportStatementResponse = z.infer<typeof ImportStatementResponse>;

/* ---------- Bills import and export ---------- */

/**
 * One bills CSV row as the file has it (cells as text): the hub checks it with the same rules
 * as the console's preview (`shared/bills-csv.ts`), then against its own units and bills.
 */
export const BillImportRow = z
  .object({
    line: z.number().int().min(1),
    unit: z.string().max(100),
    service: z.string().max(100),
    period: z.string().max(100),
    amount: z.string().max(100),
    dueDate: z.string().max(100),
    previousReading: z.string().max(100).default(''),
    currentReading: z.string().max(100).default(''),
  })
  .strict();
export type BillImportRow = z.infer<typeof BillImportRow>;

export const billImportErrorCodes = [
  'missing_unit',
  'unknown_unit',
  'unknown_service',
  'bad_period',
  /** A period other than the month being imported. */
  'wrong_month',
  'missing_amount',
  'negative_amount',
  'non_integer_amount',
  'bad_amount',
  'bad_due_date',
  'bad_reading',
  /** The same unit, service and period twice in the file. */
  'duplicate_in_file',
  /** The hub already has a bill for that unit, service and period. */
  'duplicate_bill',
] as const;
export const BillImportErrorCode = z.enum(billImportErrorCodes);
export type BillImportErrorCode = z.infer<typeof BillImportErrorCode>;

export const BillImportField = z.enum(['unit', 'service', 'period', 'amount', 'dueDate', 'previousReading', 'currentReading']);
export type BillImportField = z.infer<typeof BillImportField>;

export const BillImportError = z.object({ line: z.number().int().min(1), code: BillImportErrorCode, field: BillImportField });
export type BillImportError = z.infer<typeof BillImportError>;

export const BILL_IMPORT_MAX_ROWS = 20_000;
export const BILL_IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export const ImportBillsBody = z
  .object({
    importId: z.uuid(),
    month: BillingMonth,
    rows: z.array(BillImportRow).min(1).max(BILL_IMPORT_MAX_ROWS),
    /** `check` reports the errors only; `publish` also writes the bills, all or none, when there is no error. */
    mode: z.enum(['check', 'publish']),
  })
  .strict();
export type ImportBillsBody = z.infer<typeof ImportBillsBody>;

export const ImportBillsResponse = z.object({
  errors: z.array(BillImportError),
  counts: z.object({
    rows: z.number().int().min(0),
    /** Rows without any error. */
    valid: z.number().int().min(0),
    /** Rows with at least one error. */
    invalid: z.number().int().min(0),
    /** Bills written (0 unless `publish` and clean). */
    published: z.number().int().min(0),
    totalVnd: Vnd,
  }),
});
export type ImportBillsResponse = z.infer<typeof ImportBillsResponse>;

export const ExportBillsQuery = z.object({ month: BillingMonth }).strict();
export type ExportBillsQuery = z.infer<typeof ExportBillsQuery>;

export const ExportBillsResponse = z.object({
  filename: z.string().min(1),
  /** Formula-like cells neutralized. */
  csv: z.string(),
});
export type ExportBillsResponse = z.infer<typeof ExportBillsResponse>;

/* ---------- Flagged payment intents ---------- */

export const StaffPaymentIntentQuery = z
  .object({
    /** Only intents the nightly sweep flagged (open too long or expired without money). */
    flagged: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  })
  .strict();
export type StaffPaymentIntentQuery = z.infer<typeof StaffPaymentIntentQuery>;

export const StaffPaymentIntent = PaymentIntent.pick({
  id: true,
  code: true,
  billIds: true,
  amountVnd: true,
  receivedVnd: true,
  status: true,
  createdAt: true,
  expiresAt: true,
  paidAt: true,
}).extend({
  unitLabel: z.string(),
  flaggedAt: Instant.nullable(),
});
export type StaffPaymentIntent = z.infer<typeof StaffPaymentIntent>;

export const StaffPaymentIntentListResponse = z.object({ intents: z.array(StaffPaymentIntent) });
export type StaffPaymentIntentListResponse = z.infer<typeof StaffPaymentIntentListResponse>;
