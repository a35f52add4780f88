import { KiotError } from '../../shared/result';
import type { HandlersOf } from '../http/register-routes';
import type { AuditService } from '../services/audit';
import type { AuditLogService } from '../services/audit-log';

export function createAuditHandlers(deps: { audit: AuditService; auditLog: AuditLogService }): HandlersOf<'me.accessLog' | 'audit.verify' | 'audit.list' | 'audit.export'> {
  return {
    // Only the signed-in resident's own events, in their own building: the id comes from the session.
    'me.accessLog': async (_input, { resident }) => ({ entries: await deps.audit.accessLog(resident.buildingId, resident.id) }),
    'audit.verify': async ({ query }, caller) => {
      if (caller.role === 'admin') return deps.audit.verify(query.buildingId);
      // Others check the chain of the building their workstation is enrolled in, no other.
      if (query.buildingId !== undefined && query.buildingId !== caller.device.buildingId) throw new KiotError('forbidden', 'Only an administrator checks another building');
      return deps.audit.verify(caller.device.buildingId);
    },
    // The log of the workstation's building only (staff authentication already checked the member works there).
    'audit.list': async ({ query }, caller) => deps.auditLog.list({ staffId: caller.staffId, buildingId: caller.device.buildingId }, query),
    'audit.export': async ({ query }, caller) => deps.auditLog.exportCsv({ staffId: caller.staffId, buildingId: caller.device.buildingId }, query),
  };
}
