import { assertNever } from '../../shared/assert-never';
import type { ServiceKind } from '../../shared/domain';
import type { MessageKey } from '../i18n/translate';

export function serviceKey(service: ServiceKind): MessageKey {
  switch (service) {
    case 'electricity':
      return 'service.electricity';
    case 'water':
      return 'service.water';
    case 'management':
      return 'service.management';
    case 'cleaning':
      return 'service.cleaning';
    case 'security':
      return 'service.security';
    case 'parking':
      return 'service.parking';
    case 'repairs':
      return 'service.repairs';
    default:
      return assertNever(service, 'service');
  }
}
