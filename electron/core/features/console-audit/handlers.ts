import type { DomainHandlers } from '../../api';
import type { ConsoleAuditService } from './service';

export function createConsoleAuditHandlers(audit: ConsoleAuditService): DomainHandlers<'consoleAudit'> {
  return {
    'consoleAudit:list': async (request) => audit.list(request),
    'consoleAudit:verify': async () => audit.verify(),
    'consoleAudit:export': async (request) => audit.exportCsv(request),
  };
}
