/**
 * The console's audit log in the core: each channel is one call to the hub's audit routes with
 * the signed-in staff member's token. Nothing is kept here: the hub audits every reading, and
 * nothing of the log may outlive a locked console.
 */
import type { ConsoleAuditFilters, ConsoleAuditQuery } from '../../../../shared/contract/console-audit';
import { CONSOLE_AUDIT_PAGE } from '../../../../shared/contract/console-audit';
import type { AuditExportResponse, AuditListResponse, AuditVerifyResponse } from '../../../../shared/hub-api';
import type { StaffHub } from '../../session/staff-session';

export type ConsoleAuditService = {
  list(query: ConsoleAuditQuery): Promise<AuditListResponse>;
  verify(): Promise<AuditVerifyResponse>;
  exportCsv(filters: ConsoleAuditFilters): Promise<AuditExportResponse>;
};

/** Only the filters that are set: the hub's query refuses empty values. */
function filters(input: ConsoleAuditFilters): ConsoleAuditFilters {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== '')) as ConsoleAuditFilters;
}

export function createConsoleAuditService(deps: { staffHub: StaffHub }): ConsoleAuditService {
  const { staffHub } = deps;
  return {
    list: ({ upToSeq, limit, offset, ...rest }) =>
      staffHub.call('audit.list', { query: { ...filters(rest), ...(upToSeq !== undefined ? { upToSeq } : {}), limit: limit ?? CONSOLE_AUDIT_PAGE, offset: offset ?? 0 } }),
    verify: () => staffHub.call('audit.verify', { query: {} }),
    exportCsv: (input) => staffHub.call('audit.export', { query: filters(input) }),
  };
}
