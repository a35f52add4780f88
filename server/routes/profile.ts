import type { ContactChangeService } from '../services/contact-changes';
import type { CorrectionService } from '../services/corrections';
import type { ProfileService } from '../services/profile';
import type { HandlersOf } from '../http/register-routes';

export function createProfileHandlers(deps: {
  profile: ProfileService;
  contactChanges: ContactChangeService;
  corrections: CorrectionService;
}): HandlersOf<'me.profile' | 'me.startContactChange' | 'me.verifyContactChange' | 'me.requestCorrection'> {
  return {
    'me.profile': async (_input, { resident }) => deps.profile.get(resident.id),
    'me.startContactChange': async ({ body }, { resident, device }) => deps.contactChanges.start(resident.id, device, body),
    'me.verifyContactChange': async ({ body, params }, { resident }) => deps.contactChanges.verify(resident.id, { ...body, changeId: params.id }),
    'me.requestCorrection': async ({ body }, { resident, device }) => ({ correction: await deps.corrections.request(resident.id, device.id, body) }),
  };
}
