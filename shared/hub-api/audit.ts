/** Wire schemas of the audit routes: the resident's access log and the chain check. */
import { z } from 'zod';
import { AccessLogEntry } from '../audit';

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
