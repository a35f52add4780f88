import type { DomainHandlers } from '../../api';
import type { ConsolePaymentsService } from './service';

export function createConsolePaymentsHandlers(payments: ConsolePaymentsService): DomainHandlers<'consolePayments'> {
  return {
    'consolePayments:transfers': async (request) => payments.transfers(request),
    'consolePayments:matchTransfer': async (request) => ({ transfer: await payments.matchTransfer(request) }),
    'consolePayments:ignoreTransfer': async (request) => ({ transfer: await payments.ignoreTransfer(request) }),
    'consolePayments:bills': async (request) => payments.bills(request),
    'consolePayments:payCash': async (request) => ({ bill: await payments.payCash(request) }),
    'consolePayments:exportBills': async (request) => payments.exportBills(request),
    'consolePayments:importStatement': async (request) => payments.importStatement(request),
    'consolePayments:importBills': async (request) => payments.importBills(request),
    'consolePayments:intents': async (request) => payments.intents(request),
  };
}
