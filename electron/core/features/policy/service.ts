import type { PolicyView } from '../../../../shared/contract/policy';
import { PolicyVersionsResponse } from '../../../../shared/hub-api';
import { KiotError } from '../../../../shared/result';
import { getBuildingValue, setBuildingValue } from '../../db/building-kv';
import type { KioskDatabase } from '../../db/open';
import type { HubClient } from '../../platform/hub-client';

export type PolicyServiceDeps = { db: KioskDatabase; hub: Pick<HubClient, 'call'>; now: () => number };

export type PolicyService = {
  /** The policy and its history from the hub, or the kiosk's last copy when the hub cannot be reached. */
  get(): Promise<PolicyView>;
  /** Fetches and keeps a copy, so the policy can be shown while the hub is unreachable. Never throws. */
  refresh(): Promise<void>;
};

/** Building-wide public data: the same for every resident, so it may stay on the kiosk. */
const KEY = 'policy';
type Stored = { versions: PolicyVersionsResponse; storedAt: string };

export function createPolicyService(deps: PolicyServiceDeps): PolicyService {
  const { db, hub, now } = deps;

  async function fetchAndStore(): Promise<PolicyVersionsResponse> {
    const versions = await hub.call('policy.versions', {});
    setBuildingValue(db, KEY, { versions, storedAt: new Date(now()).toISOString() } satisfies Stored, new Date(now()).toISOString());
    return versions;
  }

  function stored(): Stored | null {
    const value = getBuildingValue(db, KEY) as Partial<Stored> | undefined;
    const parsed = PolicyVersionsResponse.safeParse(value?.versions);
    return parsed.success && typeof value?.storedAt === 'string' ? { versions: parsed.data, storedAt: value.storedAt } : null;
  }

  return {
    async get() {
      try {
        const versions = await fetchAndStore();
        return { current: versions.current, versions: versions.versions, storedAt: null };
      } catch (err) {
        if (!(err instanceof KiotError && err.code === 'hub_unavailable')) throw err;
        const copy = stored();
        if (copy === null) throw err;
        return { current: copy.versions.current, versions: copy.versions.versions, storedAt: copy.storedAt };
      }
    },
    async refresh() {
      try {
        await fetchAndStore();
      } catch {
        // Best effort at start-up; the screen tries again and says when it shows a stored copy.
      }
    },
  };
}
