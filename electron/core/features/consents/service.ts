import { CONSENT_RECEIPTS_KIND, CONSENT_SET_KIND } from '../../../../shared/consents';
import type { PurposeId, ReceiptChannel } from '../../../../shared/consents';
import type { ChangeState, ConsentsView, ConsentView } from '../../../../shared/contract/consents';
import type { ConsentsResponse } from '../../../../shared/hub-api';
import { KiotError } from '../../../../shared/result';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { ResidentWrites } from '../../sync/core-sync';
import type { ItemStatus } from '../../sync/engine';
import type { Session } from '../../session/resident-session';
import type { SessionCache } from '../../session/session-cache';

export type ConsentsServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'call'>;
  cache: SessionCache;
  sync: ResidentWrites;
};

export type ConsentsService = {
  /** From the hub when it answers, else what this session saw last, with this session's changes laid over. */
  list(): Promise<ConsentsView>;
  /** Queues the change in the outbox (it survives a network or power cut) and says where it stands. */
  set(purposeId: PurposeId, granted: boolean): { id: string; status: ChangeState };
  setReceipts(channel: ReceiptChannel): { id: string; status: ChangeState };
  changeStatus(id: string): ChangeState | null;
};

/** What the session cache keeps: the last answer of the hub, and the changes made in this session. */
type Cached = { hub: ConsentsResponse | null; changes: { id: string; purposeId: PurposeId; granted: boolean }[]; receiptChange: { id: string; channel: ReceiptChannel } | null };

export function toChangeState(status: ItemStatus | null): ChangeState | null {
  if (status === null) return null;
  switch (status.status) {
    case 'waiting':
      return { state: 'waiting' };
    case 'sent':
      return { state: 'sent', at: status.at };
    case 'rejected':
      return { state: 'rejected', at: status.at, code: status.reason.code, message: status.reason.message };
    default: {
      const never: never = status;
      throw new Error(`Unexpected item status ${String(never)}`);
    }
  }
}

export function createConsentsService(deps: ConsentsServiceDeps): ConsentsService {
  const { session, hub, cache, sync } = deps;

  const cached = (): Cached => (cache.get('consents') as Cached | undefined) ?? { hub: null, changes: [], receiptChange: null };
  const store = (value: Cached): void => cache.put('consents', value);
  const statusOf = (id: string): ChangeState => toChangeState(sync.itemStatus(id)) ?? { state: 'waiting' };

  function overlay(base: ConsentsResponse, state: Cached, offline: boolean): ConsentsView {
    const purposes: ConsentView[] = base.purposes.map((purpose) => {
      const change = state.changes.filter((c) => c.purposeId === purpose.id).at(-1);
      if (change === undefined) return { ...purpose, change: null };
      const status = statusOf(change.id);
      // A change still waiting here is what the resident chose; a refused one leaves the hub's state.
      const view = status.state === 'rejected' ? purpose : { ...purpose, granted: change.granted, needsReview: false };
      return { ...view, change: { id: change.id, granted: change.granted, status } };
    });
    const receiptChannel = state.receiptChange !== null && statusOf(state.receiptChange.id).state !== 'rejected' ? state.receiptChange.channel : base.receiptChannel;
    return { policyVersion: base.policyVersion, purposes, receiptChannel, hasEmail: base.hasEmail, offline };
  }

  return {
    async list() {
      const token = requireSignedIn(session);
      session.activity();
      const epoch = session.epoch;
      let fresh: ConsentsResponse | null = null;
      try {
        fresh = await hub.call('me.consents', { token });
      } catch (err) {
        if (!(err instanceof KiotError && err.code === 'hub_unavailable')) throw err;
      }
      assertSameSession(session, epoch);
      const state = cached();
      if (fresh !== null) store({ ...state, hub: fresh });
      const base = fresh ?? state.hub;
      if (base === null) throw new KiotError('hub_unavailable', 'The hub is unreachable and this session has not seen the consents yet');
      return overlay(base, state, fresh === null);
    },

    set(purposeId, granted) {
      requireSignedIn(session);
      session.activity();
      const state = cached();
      if (state.hub === null) throw new KiotError('wrong_state', 'The consents were not shown yet');
      // The version the resident was shown; the hub refuses it if the policy changed meanwhile.
      const payload = { purposeId, granted, policyVersion: state.hub.policyVersion };
      const { id } = sync.recordAsResident({ kind: CONSENT_SET_KIND, payload });
      store({ ...state, changes: [...state.changes, { id, purposeId, granted }] });
      return { id, status: statusOf(id) };
    },

    setReceipts(channel) {
      requireSignedIn(session);
      session.activity();
      const { id } = sync.recordAsResident({ kind: CONSENT_RECEIPTS_KIND, payload: { channel } });
      store({ ...cached(), receiptChange: { id, channel } });
      return { id, status: statusOf(id) };
    },

    changeStatus(id) {
      requireSignedIn(session);
      // Only this session's own changes: an id from elsewhere says nothing.
      const state = cached();
      if (!state.changes.some((c) => c.id === id) && state.receiptChange?.id !== id) return null;
      return statusOf(id);
    },
  };
}
