import type { DomainHandlers } from '../../api';
import type { ConsoleRequestsService } from './service';

export function createConsoleRequestsHandlers(queue: ConsoleRequestsService): DomainHandlers<'consoleRequests'> {
  return {
    'consoleRequests:list': async (request) => queue.list(request),
    'consoleRequests:get': async ({ requestId }) => ({ request: await queue.get(requestId) }),
    'consoleRequests:acknowledge': async (request) => ({ request: await queue.acknowledge(request) }),
    'consoleRequests:extend': async (request) => ({ request: await queue.extend(request) }),
    'consoleRequests:hold': async (request) => ({ request: await queue.hold(request) }),
    'consoleRequests:release': async (request) => ({ request: await queue.release(request) }),
    'consoleRequests:refuse': async (request) => ({ request: await queue.refuse(request) }),
    'consoleRequests:complete': async (request) => ({ request: await queue.complete(request) }),
    'consoleRequests:export': async ({ requestId }) => queue.downloadExport(requestId),
  };
}
