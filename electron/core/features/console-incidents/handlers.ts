import type { DomainHandlers } from '../../api';
import type { ConsoleIncidentsService } from './service';

export function createConsoleIncidentsHandlers(incidents: ConsoleIncidentsService): DomainHandlers<'consoleIncidents'> {
  return {
    'consoleIncidents:list': async (request) => incidents.list(request),
    'consoleIncidents:get': async ({ incidentId }) => incidents.get(incidentId),
    'consoleIncidents:register': async (request) => incidents.register(request),
    'consoleIncidents:link': async (request) => incidents.link(request),
    'consoleIncidents:drafts': async ({ incidentId }) => incidents.drafts(incidentId),
    'consoleIncidents:notify': async (request) => incidents.notify(request),
    'consoleIncidents:authorityNotified': async (request) => incidents.authorityNotified(request),
    'consoleIncidents:close': async (request) => incidents.close(request),
  };
}
