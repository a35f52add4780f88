/**
 * A resident's consents: every change is a record (purpose, granted or withdrawn, policy
 * version, channel, device, actor, time), the current choice is the latest record, and a
 * choice made under an earlier policy version no longer counts for a purpose whose use or
 * recipients changed since: the resident is asked again, and until then it is off.
 */
import { purposeChanged } from '../../shared/consents';
import type { ConsentChannel, PurposeDefinition, PurposeId, ReceiptChannel } from '../../shared/consents';
import type { ConsentState, ConsentsResponse, PolicyVersion } from '../../shared/hub-api';
import { KiotError } from '../../shared/result';
import type { HubDb, HubTrx } from '../db/connect';
import { getReceiptChannel, getResidentContact, insertConsentRecord, latestConsentRecords, putReceiptChannel } from '../db/consents';
import type { ConsentRecordRow } from '../db/consents';
import type { IdGenerator } from '../ids';
import { insertMissingPolicyVersions } from '../db/policy';
import { defaultPolicyRows } from './policy';
import type { PolicyService } from './policy';

export type ConsentChange = {
  residentId: string;
  purposeId: string;
  granted: boolean;
  policyVersion: number;
  channel: ConsentChannel;
  deviceId: string | null;
  actor: { kind: 'resident' | 'staff'; id: string };
  operationId: string | null;
};

export type RecordedConsent = { purpose: PurposeDefinition; granted: boolean; policyVersion: number; recordedAt: string; recordId: string };

export type ConsentService = {
  /** Every purpose of the current policy with the resident's current choice. */
  list(residentId: string): Promise<ConsentsResponse>;
  /**
   * Records a change inside the caller's transaction. Refuses (KiotError, nothing written)
   * an unknown purpose, a version that is not the current one, and withdrawing a necessary purpose.
   */
  record(trx: HubTrx, change: ConsentChange): Promise<RecordedConsent>;
  /** Whether the hub may use the resident's data for this purpose right now. */
  allows(residentId: string, purposeId: PurposeId, executor?: HubDb | HubTrx): Promise<boolean>;
  receiptChannel(residentId: string, executor?: HubDb | HubTrx): Promise<ReceiptChannel>;
  setReceiptChannel(trx: HubTrx, residentId: string, channel: ReceiptChannel): Promise<void>;
};

export function createConsentService(deps: { db: HubDb; clock: () => Date; newId: IdGenerator; policy: PolicyService }): ConsentService {
  const { db, clock, newId, policy } = deps;

  /** The resident's state for every purpose of `current`. */
  async function states(executor: HubDb | HubTrx, residentId: string, current: PolicyVersion): Promise<ConsentState[]> {
    const latest = new Map((await latestConsentRecords(executor, residentId)).map((r) => [r.purpose_id, r]));
    const earlier = new Map<number, PolicyVersion | undefined>();
    const versionOf = async (version: number): Promise<PolicyVersion | undefined> => {
      if (!earlier.has(version)) earlier.set(version, await policy.get(version, executor));
      return earlier.get(version);
    };
    const result: ConsentState[] = [];
    for (const purpose of current.purposes) {
      const record: ConsentRecordRow | undefined = latest.get(purpose.id);
      if (purpose.necessary) {
        result.push({ ...purpose, granted: true, since: record?.recorded_at ?? null, choiceVersion: record?.policy_version ?? null, needsReview: false });
        continue;
      }
      if (record === undefined) {
        result.push({ ...purpose, granted: false, since: null, choiceVersion: null, needsReview: false });
        continue;
      }
      let needsReview = false;
      if (record.policy_version !== current.version) {
        const then = (await versionOf(record.policy_version))?.purposes.find((p) => p.id === purpose.id);
        needsReview = then === undefined || purposeChanged(then, purpose);
      }
      result.push({ ...purpose, granted: record.granted === 1, since: record.recorded_at, choiceVersion: record.policy_version, needsReview });
    }
    return result;
  }

  async function receiptChannel(residentId: string, executor: HubDb | HubTrx = db): Promise<ReceiptChannel> {
    return (await getReceiptChannel(executor, residentId)) ?? 'sms';
  }

  return {
    async list(residentId) {
      const current = await policy.current();
      const contact = await getResidentContact(db, residentId);
      return {
        policyVersion: current.version,
        purposes: await states(db, residentId, current),
        receiptChannel: await receiptChannel(residentId),
        hasEmail: contact?.email != null,
      };
    },

    async record(trx, change) {
      const current = await policy.current(trx);
      const purpose = current.purposes.find((p) => p.id === change.purposeId);
      if (purpose === undefined) throw new KiotError('unknown_purpose', 'The current policy lists no such purpose');
      if (change.policyVersion !== current.version) throw new KiotError('policy_outdated', `The choice was made under policy version ${change.policyVersion}; version ${current.version} is in effect`);
      if (purpose.necessary && !change.granted) throw new KiotError('consent_necessary', 'A necessary purpose cannot be withdrawn');
      const row: ConsentRecordRow = {
        id: newId(),
        resident_id: change.residentId,
        purpose_id: purpose.id,
        granted: change.granted ? 1 : 0,
        policy_version: current.version,
        channel: change.channel,
        device_id: change.deviceId,
        actor_kind: change.actor.kind,
        actor_id: change.actor.id,
        operation_id: change.operationId,
        recorded_at: clock().toISOString(),
      };
      await insertConsentRecord(trx, row);
      return { purpose, granted: change.granted, policyVersion: current.version, recordedAt: row.recorded_at, recordId: row.id };
    },

    async allows(residentId, purposeId, executor = db) {
      const current = await policy.current(executor);
      const state = (await states(executor, residentId, current)).find((s) => s.id === purposeId);
      // A purpose the current policy does not list is one the hub may not use data for.
      return state !== undefined && state.granted && !state.needsReview;
    },

    receiptChannel,

    async setReceiptChannel(trx, residentId, channel) {
      await putReceiptChannel(trx, { resident_id: residentId, channel, updated_at: clock().toISOString() });
    },
  };
}

/** When the demo resident made their choices: under policy version 1, before version 2 took effect. */
export const DEMO_CONSENT_AT = '2026-03-16T02:30:00.000Z';

/**
 * The fifth demo resident chose under policy version 1, before Ahamove was named as a
 * delivery partner: signing in, they are asked to review that one purpose. The first demo
 * resident chose nothing, so nothing stops them.
 */
export async function seedDemoConsents(trx: HubTrx, residentId: string, newId: IdGenerator): Promise<void> {
  // The hub stores the default policy at start; a database seeded on its own needs version 1 too.
  await insertMissingPolicyVersions(trx, defaultPolicyRows(DEMO_CONSENT_AT));
  const choices: readonly [PurposeId, boolean][] = [
    ['bill_reminders_sms', true],
    ['delivery_partners', true],
    ['news_promotions', false],
  ];
  for (const [purposeId, granted] of choices) {
    await insertConsentRecord(trx, {
      id: newId(),
      resident_id: residentId,
      purpose_id: purposeId,
      granted: granted ? 1 : 0,
      policy_version: 1,
      channel: 'kiosk',
      device_id: null,
      actor_kind: 'resident',
      actor_id: residentId,
      operation_id: null,
      recorded_at: DEMO_CONSENT_AT,
    });
  }
}
