import type { DomainHandlers } from '../../api';
import type { ConsoleResidentsService } from './service';

export function createConsoleResidentsHandlers(residents: ConsoleResidentsService): DomainHandlers<'consoleResidents'> {
  return {
    'consoleResidents:search': async (request) => residents.search(request),
    'consoleResidents:open': async (request) => ({ resident: await residents.open(request) }),
    'consoleResidents:edit': async (request) => ({ resident: await residents.edit(request) }),
    'consoleResidents:moveOut': async (request) => ({ resident: await residents.moveOut(request) }),
    'consoleResidents:household': async ({ unitId }) => residents.household(unitId),
  };
}
