import type { HandlersOf } from '../http/register-routes';
import type { ConsentService } from '../services/consents';

export function createConsentHandlers(deps: { consents: ConsentService }): HandlersOf<'me.consents'> {
  return {
    // Only the caller's own consents: the resident comes from the session, never from the request.
    'me.consents': async (_input, { resident }) => deps.consents.list(resident.id),
  };
}
