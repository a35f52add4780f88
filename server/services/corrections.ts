/**
 * Name and contact-address corrections. Names are on contracts, so the resident asks and
 * the management decides; an approved correction is applied to the record and audited in
 * the same transaction. Requests arrive through the route (online) or the kiosk's outbox
 * (`correction.request`, offline); both go through `requestIn`.
 */
import { isValidAddress, isValidName, tidyText } from '../../shared/profile';
import type { CorrectionField, CorrectionRequest } from '../../shared/profile';
import { KiotError } from '../../shared/result';
import type { IdGenerator } from '../ids';
import type { HubDb, HubTrx } from '../db/connect';
import { decideCorrectionRequest, getCorrectionRequest, insertCorrectionRequest } from '../db/correction-requests';
import type { CorrectionRequestRow } from '../db/profile-schema';
import { getResidentDetails, updateResidentContact } from '../db/residents';
import type { ProfileAudit } from './profile-audit';
import type { RequestService } from './requests';

export type CorrectionService = {
  request(residentId: string, deviceId: string | null, input: { field: CorrectionField; value: string }): Promise<CorrectionRequest>;
  /** The same inside a caller's transaction, with a given id (the outbox operation's, so a retry is one request). */
  requestIn(trx: HubTrx, input: { id: string; residentId: string; deviceId: string | null; field: CorrectionField; value: string; at: string }): Promise<void>;
  decide(input: { requestId: string; staffId: string; approve: boolean; reason: string | null }): Promise<CorrectionRequest>;
};

export type CorrectionDeps = {
  db: HubDb;
  clock: () => Date;
  newId: IdGenerator;
  audit?: ProfileAudit;
  /** Each correction is also a tracked data-subject request, written and closed with it. */
  requests?: Pick<RequestService, 'trackCorrectionIn' | 'decideCorrectionIn'>;
};

export function toCorrectionRequest(row: CorrectionRequestRow): CorrectionRequest {
  return { id: row.id, field: row.field, value: row.value, status: row.status, reason: row.reason, createdAt: row.created_at, decidedAt: row.decided_at };
}

/** The tidied value, or invalid_input with what is wrong (the kiosk words it for the resident). */
export function checkCorrectionValue(field: CorrectionField, value: string): string {
  const tidy = tidyText(value);
  if (field === 'name' && !isValidName(tidy)) throw new KiotError('invalid_input', 'A name is 2 to 100 letters, spaces, dots or hyphens');
  if (field === 'address' && !isValidAddress(tidy)) throw new KiotError('invalid_input', 'An address is 5 to 300 characters');
  return tidy;
}

export function createCorrectionService(deps: CorrectionDeps): CorrectionService {
  const { db, clock, newId } = deps;

  async function requestIn(trx: HubTrx, input: { id: string; residentId: string; deviceId: string | null; field: CorrectionField; value: string; at: string }): Promise<void> {
    const value = checkCorrectionValue(input.field, input.value);
    await insertCorrectionRequest(trx, {
      id: input.id,
      resident_id: input.residentId,
      field: input.field,
      value,
      status: 'received',
      reason: null,
      decided_by: null,
      decided_at: null,
      device_id: input.deviceId,
      created_at: input.at,
    });
    await deps.requests?.trackCorrectionIn(trx, { correctionId: input.id, residentId: input.residentId, deviceId: input.deviceId, field: input.field, at: input.at });
  }

  return {
    requestIn,

    async request(residentId, deviceId, input) {
      const id = newId();
      await db.transaction().execute((trx) => requestIn(trx, { id, residentId, deviceId, field: input.field, value: input.value, at: clock().toISOString() }));
      const row = await getCorrectionRequest(db, id);
      if (!row) throw new KiotError('internal', 'The request just written is missing');
      return toCorrectionRequest(row);
    },

    async decide({ requestId, staffId, approve, reason }) {
      const nowIso = clock().toISOString();
      const tidyReason = reason === null ? null : tidyText(reason) || null;
      if (!approve && tidyReason === null) throw new KiotError('invalid_input', 'A rejection needs a reason the resident can read');
      await db.transaction().execute(async (trx) => {
        const row = await getCorrectionRequest(trx, requestId);
        if (!row) throw new KiotError('not_found', 'Unknown correction request');
        const decided = await decideCorrectionRequest(trx, requestId, { status: approve ? 'approved' : 'rejected', reason: tidyReason, decidedBy: staffId, decidedAt: nowIso });
        if (!decided) throw new KiotError('wrong_state', 'This request was already decided');
        const resident = await getResidentDetails(trx, row.resident_id);
        if (!resident) throw new KiotError('not_found', 'Unknown correction request');
        const buildingId = resident.buildingId;
        await deps.requests?.decideCorrectionIn(trx, { correctionId: requestId, staffId, approve, reason: tidyReason, at: nowIso });
        if (approve) {
          await updateResidentContact(trx, row.resident_id, row.field === 'name' ? { full_name: row.value } : { contact_address: row.value }, nowIso);
          await deps.audit?.record(trx, {
            buildingId,
            residentId: row.resident_id,
            detail: { field: row.field },
            action: row.field === 'name' ? 'profile.name_changed' : 'profile.address_changed',
            actor: { kind: 'staff', staffId },
            reason: tidyReason,
          });
        } else {
          await deps.audit?.record(trx, { buildingId, residentId: row.resident_id, action: 'correction.decided', actor: { kind: 'staff', staffId }, reason: tidyReason });
        }
      });
      const row = await getCorrectionRequest(db, requestId);
      if (!row) throw new KiotError('not_found', 'Unknown correction request');
      return toCorrectionRequest(row);
    },
  };
}
