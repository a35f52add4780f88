/**
 * The console's view of the audit log: the filtered list and its CSV export, each reading
 * recorded as one event of the chain (who looked at the log, with which filters).
 * Always the building of the workstation the staff member signed in on.
 */
import type { AuditExportQuery, AuditExportResponse, AuditListQuery, AuditListResponse } from '../../shared/hub-api';
import { AUDIT_EXPORT_MAX } from '../../shared/hub-api';
import { formatInstant } from '../../shared/dates';
import type { HubDb } from '../db/connect';
import type { AuditEventFilter } from '../db/audit';
import type { AuditService } from './audit';
import { toCsv } from './csv';

export type AuditLogReader = { staffId: string; buildingId: string };

export type AuditLogService = {
  list(reader: AuditLogReader, query: AuditListQuery): Promise<AuditListResponse>;
  exportCsv(reader: AuditLogReader, query: AuditExportQuery): Promise<AuditExportResponse>;
};

const CSV_HEADER = ['seq', 'at_utc', 'at_vietnam', 'actor_kind', 'actor_id', 'actor_role', 'actor_name', 'action', 'resident_id', 'reason', 'detail'] as const;

/** Any ISO instant as the one stored form (milliseconds, Z), so text comparison is time order. */
const canonicalInstant = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());

function toFilter(query: AuditExportQuery & { upToSeq?: number | undefined }): AuditEventFilter {
  return { staffId: query.staffId, residentId: query.residentId, action: query.action, from: canonicalInstant(query.from), to: canonicalInstant(query.to), upToSeq: query.upToSeq };
}

/** The filters as the event's detail: ids, an action name and instants, nothing personal. */
function filterDetail(query: AuditExportQuery, extra: Record<string, string>): Record<string, string> {
  const detail: Record<string, string> = { ...extra };
  if (query.staffId !== undefined) detail['staffId'] = query.staffId;
  if (query.residentId !== undefined) detail['residentId'] = query.residentId;
  if (query.action !== undefined) detail['filterAction'] = query.action;
  if (query.from !== undefined) detail['from'] = query.from;
  if (query.to !== undefined) detail['to'] = query.to;
  return detail;
}

export function createAuditLogService(deps: { db: HubDb; audit: AuditService; clock: () => Date }): AuditLogService {
  const { db, audit, clock } = deps;

  const recordReading = (reader: AuditLogReader, action: 'audit.viewed' | 'audit.exported', detail: Record<string, string>): Promise<void> =>
    audit.record(db, { buildingId: reader.buildingId, residentId: null, actor: { kind: 'staff', staffId: reader.staffId }, action, reason: null, detail });

  return {
    async list(reader, query) {
      const result = await audit.list(reader.buildingId, toFilter(query), { limit: query.limit, offset: query.offset });
      // After the read, which is pinned to its head: the reading's own event shows on the next first page.
      await recordReading(reader, 'audit.viewed', filterDetail(query, { offset: String(query.offset), rows: String(result.events.length) }));
      return result;
    },

    async exportCsv(reader, query) {
      const result = await audit.list(reader.buildingId, toFilter(query), { limit: AUDIT_EXPORT_MAX, offset: 0 });
      const rows = result.events.map((e) => [
        e.seq,
        e.at,
        formatInstant(e.at),
        e.actor.kind,
        e.actor.id,
        e.actor.role,
        e.actor.name,
        e.action,
        e.residentId,
        e.reason,
        e.detail === null ? null : JSON.stringify(e.detail),
      ]);
      await recordReading(reader, 'audit.exported', filterDetail(query, { rows: String(rows.length) }));
      const stamp = clock().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return { filename: `audit-${reader.buildingId}-${stamp}.csv`, csv: toCsv(CSV_HEADER, rows), rows: rows.length, truncated: result.total > rows.length };
    },
  };
}
