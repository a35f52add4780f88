import { assertNever } from '../../../shared/assert-never';
import type { Bill, ServiceKind } from '../../../shared/domain';
import type { MessageKey } from '../../i18n/i18n';

export function serviceKey(service: ServiceKind): MessageKey {
  switch (service) {
    case 'electricity':
      return 'bills:service.electricity';
    case 'water':
      return 'bills:service.water';
    case 'management':
      return 'bills:service.management';
    case 'cleaning':
      return 'bills:service.cleaning';
    case 'security':
      return 'bills:service.security';
    case 'parking':
      return 'bills:service.parking';
    case 'repairs':
      return 'bills:service.repairs';
    default:
      return assertNever(service, 'service');
  }
}

type Measure = NonNullable<Bill['consumption']>['unit'];

export const measureKey: Readonly<Record<Measure, MessageKey>> = { kWh: 'bills:measure.kWh', m3: 'bills:measure.m3' };
