/** Wire schemas of the audit routes: the resident's access log, the chain check and the console's log with its CSV export. */
import { z } from 'zod';
import { AccessLogEntry, AuditAction } from '../audit';
import { Instant } from '../domain';

export const AccessLogResponse = z.object({ entries: z.array(AccessLogEntry) });
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;

export const AuditVerifyQuery = z.object({ buildingId: z.string().min(1).max(64).optional() }).strict();
export type AuditVerifyQuery = z.infer<typeof AuditVerifyQuery>;

export const AuditBreakProblem = z.enum(['hash_mismatch', 'prev_hash_mismatch', 'seq_gap', 'head_mismatch', 'head_missing']);
export type AuditBreakProblem = z.infer<typeof AuditBreakProblem>;

export const AuditVerifyResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), buildings: z.array(z.object({ buildingId: z.string(), events: z.number().int().min(0) })) }),
  z.object({ ok: z.literal(false), broken: z.object({ buildingId: z.string(), seq: z.number().int().min(0), problem: AuditBreakProblem }) }),
]);
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

/** The console's filters of the audit log; every one optional, combined with AND. */
export const AuditListQuery = z
  .object({
    staffId: z.string().min(1).max(100).optional(),
    residentId: z.string().min(1).max(100).optional(),
    action: AuditAction.optional(),
    /** Inclusive lower bound (UTC instant). */
    from: Instant.optional(),
    /** Exclusive upper bound (UTC instant). */
    to: Instant.optional(),
    /** Events up to this seq only: the first page's `headSeq`, so later pages do not shift as events are added. */
    upToSeq: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** The export takes the same filters, without paging; it stops at `AUDIT_EXPORT_MAX` rows. */
export const AuditExportQuery = AuditListQuery.omit({ limit: true, offset: true, upToSeq: true }).strict();
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
export const AUDIT_EXPORT_MAX = 10_000;

export const AuditEventView = z.object({
  id: z.string(),
  seq: z.number().int().min(1),
  at: Instant,
  actor: z.object({
    kind: z.enum(['staff', 'system', 'resident']),
    /** The staff member's id, the job's name or the resident's id. */
    id: z.string(),
    role: z.string().nullable(),
    /** The staff member's name as it was then; null for the system and residents. */
    name: z.string().nullable(),
  }),
  action: z.string(),
  residentId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.string()).nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditListResponse = z.object({
  events: z.array(AuditEventView),
  /** How many events match the filters (up to `headSeq`). */
  total: z.number().int().min(0),
  /** The newest seq the answer covers; pass it back as `upToSeq` for the next pages. */
  headSeq: z.number().int().min(0),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;

export const AuditExportResponse = z.object({
  filename: z.string(),
  /** UTF-8 CSV with a header row; cells that a spreadsheet would run as a formula are neutralized. */
  csv: z.string(),
  rows: z.number().int().min(0),
  /** True when the filters matched more than `AUDIT_EXPORT_MAX` rows and only the newest were written. */
  truncated: z.boolean(),
});
export type AuditExportResponse = z.infer<typeof AuditExportResponse>;
