/**
 * "My information" in the kiosk core. Personal data is kept only in the session cache
 * (wiped at lock). Contact changes need the hub live (codes are sent from there), so they
 * fail with `hub_unavailable` when it cannot be reached; corrections go through the outbox,
 * so a resident can ask for one with the network down and see it "saved on this kiosk".
 */
import type { ContactChangeResponse, ProfileResponse } from '../../../../shared/hub-api';
import type { CorrectionView, ProfileView } from '../../../../shared/contract/profile';
import { CORRECTION_REQUEST_KIND, isValidAddress, isValidName, tidyText } from '../../../../shared/profile';
import type { CorrectionField, CorrectionRequest } from '../../../../shared/profile';
import { KiotError } from '../../../../shared/result';
import type { HubClient } from '../../platform/hub-client';
import { assertSameSession, requireSignedIn } from '../../session/guards';
import type { ResidentWrites } from '../../sync/core-sync';
import type { Session } from '../../session/resident-session';
import type { SessionCache } from '../../session/session-cache';

/** A correction queued on this kiosk, remembered for the session so its state can be shown. */
type LocalCorrection = { id: string; field: CorrectionField; value: string; createdAt: string };
type CachedProfile = { hub: ProfileResponse | null; local: LocalCorrection[] };

export type ProfileServiceDeps = {
  session: Session;
  hub: Pick<HubClient, 'call'>;
  cache: SessionCache;
  sync: ResidentWrites;
};

export type StartContactChange = { kind: 'phone'; newPhone: string; hasOldPhone: boolean } | { kind: 'email'; newEmail: string };

export type ProfileService = {
  get(): Promise<ProfileView>;
  startContactChange(input: StartContactChange): Promise<ContactChangeResponse>;
  verifyContactChange(input: { changeId: string; target: 'old' | 'new'; code: string }): Promise<ContactChangeResponse>;
  removeEmail(): Promise<ContactChangeResponse>;
  requestCorrection(input: { field: CorrectionField; value: string }): Promise<CorrectionView>;
};

function fromHub(c: CorrectionRequest): CorrectionView {
  const state = c.status === 'received' ? 'sent' : c.status;
  return { id: c.id, field: c.field, value: c.value, state, reason: c.reason, rejectedCode: null, createdAt: c.createdAt };
}

export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const { session, hub, cache, sync } = deps;

  // Written only by this service, from the hub's validated response and its own records.
  const cached = (): CachedProfile => (cache.get('profile') as CachedProfile | undefined) ?? { hub: null, local: [] };

  function localView(local: LocalCorrection): CorrectionView {
    const item = sync.itemStatus(local.id);
    const base = { id: local.id, field: local.field, value: local.value, reason: null, createdAt: local.createdAt };
    if (item === null) return { ...base, state: 'sent', rejectedCode: null };
    switch (item.status) {
      case 'waiting':
        return { ...base, state: 'saved', rejectedCode: null };
      case 'sent':
        return { ...base, state: 'sent', rejectedCode: null };
      case 'rejected':
        return { ...base, state: 'rejected', rejectedCode: item.reason.code };
      default:
        return { ...base, state: 'sent', rejectedCode: null };
    }
  }

  function compose(entry: CachedProfile, fromCache: boolean): ProfileView {
    if (entry.hub === null) throw new KiotError('hub_unavailable', 'The hub is unavailable and nothing is cached');
    const known = new Set(entry.hub.corrections.map((c) => c.id));
    // What the hub already lists speaks for itself; what it does not is still on its way from this kiosk.
    const corrections = [...entry.hub.corrections.map(fromHub), ...entry.local.filter((l) => !known.has(l.id)).map(localView)].sort((a, b) =>
      a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
    );
    return { details: entry.hub.details, contactChanges: entry.hub.contactChanges, corrections, fromCache };
  }

  /** `touch`: a resident's act keeps the session alive; the screen's background refresh must not. */
  async function live<T>(run: (token: string) => Promise<T>, touch = true): Promise<T> {
    const token = requireSignedIn(session);
    if (touch) session.activity();
    const epoch = session.epoch;
    const result = await run(token);
    assertSameSession(session, epoch);
    return result;
  }

  return {
    async get() {
      try {
        const profile = await live((token) => hub.call('me.profile', { token }), false);
        const entry = { ...cached(), hub: profile };
        cache.put('profile', entry);
        return compose(entry, false);
      } catch (err) {
        // With the hub down, the resident still sees what this session already showed them.
        if (err instanceof KiotError && err.code === 'hub_unavailable' && cached().hub !== null) return compose(cached(), true);
        throw err;
      }
    },

    startContactChange: (input) => live((token) => hub.call('me.startContactChange', { token, body: input })),
    verifyContactChange: ({ changeId, ...body }) => live((token) => hub.call('me.verifyContactChange', { token, params: { id: changeId }, body })),
    removeEmail: () => live((token) => hub.call('me.startContactChange', { token, body: { kind: 'email', newEmail: null } })),

    async requestCorrection({ field, value }) {
      requireSignedIn(session);
      session.activity();
      // Checked here too, so a value the hub would refuse is never queued only to bounce back later.
      const tidy = tidyText(value);
      if (field === 'name' && !isValidName(tidy)) throw new KiotError('invalid_input', 'A name is 2 to 100 letters');
      if (field === 'address' && !isValidAddress(tidy)) throw new KiotError('invalid_input', 'An address is 5 to 300 characters');
      const recorded = sync.recordAsResident({ kind: CORRECTION_REQUEST_KIND, payload: { field, value: tidy } });
      const local: LocalCorrection = { id: recorded.id, field, value: tidy, createdAt: recorded.createdAt };
      const entry = cached();
      cache.put('profile', { ...entry, local: [...entry.local, local] });
      return localView(local);
    },
  };
}
