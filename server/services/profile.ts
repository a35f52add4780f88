/** "My information" as the hub answers it: the resident's record and their changes, nothing of anyone else's. */
import type { MyProfile } from '../../shared/profile';
import { KiotError } from '../../shared/result';
import type { HubDb } from '../db/connect';
import { listContactChanges } from '../db/contact-changes';
import { listCorrectionRequests } from '../db/correction-requests';
import { getResidentDetails } from '../db/residents';
import { toContactChange } from './contact-changes';
import { toCorrectionRequest } from './corrections';

/** Enough history for the screen; older changes stay in the database for the management. */
const RECENT = 10;

export type ProfileService = { get(residentId: string): Promise<MyProfile> };

export function createProfileService(deps: { db: HubDb; clock: () => Date }): ProfileService {
  return {
    async get(residentId) {
      const details = await getResidentDetails(deps.db, residentId);
      if (!details) throw new KiotError('unauthorized', 'Unknown resident');
      const now = deps.clock();
      const changes = await listContactChanges(deps.db, residentId, RECENT);
      const corrections = await listCorrectionRequests(deps.db, residentId, RECENT);
      return {
        details: {
          fullName: details.fullName,
          units: [{ label: details.unitLabel }],
          buildingName: details.buildingName,
          phone: details.phoneE164,
          email: details.email,
          contactAddress: details.contactAddress,
        },
        // An email removal is shown as done, like any other change; replaced and refused ones are noise to the resident.
        contactChanges: changes.filter((c) => c.status !== 'replaced' && c.status !== 'refused').map((row) => toContactChange(row, now)),
        corrections: corrections.map(toCorrectionRequest),
      };
    },
  };
}
