import type { DomainHandlers } from '../../api';
import type { ConsentsService } from './service';

export function createConsentsHandlers(consents: ConsentsService): DomainHandlers<'consents'> {
  return {
    'consents:list': async () => consents.list(),
    'consents:set': async ({ purposeId, granted }) => consents.set(purposeId, granted),
    'consents:setReceipts': async ({ channel }) => consents.setReceipts(channel),
    'consents:changeStatus': async ({ id }) => ({ status: consents.changeStatus(id) }),
  };
}
