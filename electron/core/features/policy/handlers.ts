import type { DomainHandlers } from '../../api';
import type { PolicyService } from './service';

export function createPolicyHandlers(policy: PolicyService): DomainHandlers<'policy'> {
  return {
    'policy:get': async () => policy.get(),
  };
}
