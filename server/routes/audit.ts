import { KiotError } from '../../shared/result';
import type { HandlersOf } from '../http/register-routes';
import type { AuditService } from '../services/audit';

export function createAuditHandlers(deps: { audit: AuditService }): HandlersOf<'me.accessLog' | 'audit.verify'> {
  return {
    // Only the signed-in resident's own events, in their own building: the id comes from the session.
    'me.accessLog': async (_input, { resident }) => ({ entries: await deps.audit.accessLog(resident.buildingId, resident.id) }),
    'audit.verify': async ({ query }, caller) => {
      if (caller.role === 'admin') return deps.audit.verify(query.buildingId);
      // A manager checks the chain of the building their workstation is enrolled in, no other.
      if (query.buildingId !== undefined && query.buildingId !== caller.device.buildingId) throw new KiotError('forbidden', 'A manager checks only their own building');
      return deps.audit.verify(caller.device.buildingId);
    },
  };
}
