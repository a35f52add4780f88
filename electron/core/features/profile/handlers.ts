import type { DomainHandlers } from '../../api';
import type { ProfileService } from './service';

export function createProfileHandlers(profile: ProfileService): DomainHandlers<'profile'> {
  return {
    'profile:get': async () => profile.get(),
    'profile:startContactChange': async (request) => profile.startContactChange(request),
    'profile:verifyContactChange': async (request) => profile.verifyContactChange(request),
    'profile:removeEmail': async () => profile.removeEmail(),
    'profile:requestCorrection': async (request) => ({ correction: await profile.requestCorrection(request) }),
  };
}
