import type { HandlersOf } from '../http/register-routes';
import type { PolicyService } from '../services/policy';

export function createPolicyHandlers(deps: { policy: PolicyService }): HandlersOf<'policy.current' | 'policy.versions'> {
  return {
    'policy.current': async () => ({ policy: await deps.policy.current() }),
    'policy.versions': async () => {
      const versions = await deps.policy.versions();
      const current = versions[0];
      if (current === undefined) throw new Error('No privacy policy version is in effect');
      return { current: current.version, versions };
    },
  };
}
