import type { DomainHandlers } from '../../api';
import type { RequestsService } from './service';

export function createRequestsHandlers(requests: RequestsService): DomainHandlers<'requests'> {
  return {
    'requests:list': async () => requests.list(),
    'requests:sendDeletionCode': async () => requests.sendDeletionCode(),
    'requests:create': async (request) => requests.create(request),
    'requests:cancel': async (request) => ({ request: await requests.cancel(request.requestId) }),
  };
}
