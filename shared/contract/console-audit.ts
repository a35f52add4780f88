/**
 * `consoleAudit:*` — the manager console's audit log: the building's events with filters, the
 * chain check, and the CSV export. The core forwards these to the hub's `/v1/audit/*` routes
 * with the signed-in staff member's token; the hub decides who may read them and audits every
 * reading.
 */
import { z } from 'zod';
import { AuditAction } from '../audit';
import { Instant } from '../domain';
import { AuditExportResponse, AuditListResponse, AuditVerifyResponse } from '../hub-api/audit';
import { Empty } from './common';
import type { DomainContract } from './common';

export const CONSOLE_AUDIT_PAGE = 50;

const Id = z.string().trim().min(1).max(100);

export const ConsoleAuditFilters = z
  .object({
    staffId: Id.optional(),
    residentId: Id.optional(),
    action: AuditAction.optional(),
    /** Inclusive; the renderer turns a Vietnamese calendar day into its first instant. */
    from: Instant.optional(),
    /** Exclusive. */
    to: Instant.optional(),
  })
  .strict();
export type ConsoleAuditFilters = z.infer<typeof ConsoleAuditFilters>;

export const ConsoleAuditQuery = ConsoleAuditFilters.extend({
  /** The first page's `headSeq`, so later pages hold still while new events come in. */
  upToSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
}).strict();
export type ConsoleAuditQuery = z.infer<typeof ConsoleAuditQuery>;

export const consoleAuditContract = {
  'consoleAudit:list': { request: ConsoleAuditQuery, response: AuditListResponse },
  'consoleAudit:verify': { request: Empty, response: AuditVerifyResponse },
  'consoleAudit:export': { request: ConsoleAuditFilters, response: AuditExportResponse },
} as const satisfies DomainContract<'consoleAudit'>;
