/**
 * The operator's privacy policy: versions with their effective dates, texts in vi and en,
 * and each version's purpose catalogue. The current version is the newest one whose
 * effective date (a day in Vietnam) has come.
 */
import { z } from 'zod';
import { PurposeDefinition } from '../../shared/consents';
import { vietnamDate } from '../../shared/dates';
import type { PolicyVersion } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import { defaultPolicyVersions } from '../../resources/policy/default-policy';
import type { DefaultPolicyVersion } from '../../resources/policy/default-policy';
import type { HubDb, HubTrx } from '../db/connect';
import { getPolicyVersion, insertMissingPolicyVersions, listPolicyVersionsInEffect } from '../db/policy';
import type { PolicyVersionRow } from '../db/policy';

export type PolicyService = {
  /** Stores the default versions this database lacks (first start, or a newer default shipped). */
  ensureDefaults(): Promise<void>;
  /** The version in effect now. Throws when none is (a database without any policy). */
  current(executor?: HubDb | HubTrx): Promise<PolicyVersion>;
  /** Every version in effect so far, newest first. */
  versions(): Promise<PolicyVersion[]>;
  /** One version, whether or not it is in effect; undefined when unknown. */
  get(version: number, executor?: HubDb | HubTrx): Promise<PolicyVersion | undefined>;
};

const Purposes = z.array(PurposeDefinition);

export function toPolicyVersion(row: PolicyVersionRow): PolicyVersion {
  return {
    version: row.version,
    effectiveFrom: row.effective_from,
    text: { vi: row.text_vi, en: row.text_en },
    changes: row.changes_vi !== null && row.changes_en !== null ? { vi: row.changes_vi, en: row.changes_en } : null,
    purposes: Purposes.parse(JSON.parse(row.purposes)),
  };
}

function toRow(version: DefaultPolicyVersion, at: string): PolicyVersionRow {
  return {
    version: version.version,
    effective_from: version.effectiveFrom,
    text_vi: version.text.vi,
    text_en: version.text.en,
    changes_vi: version.changes?.vi ?? null,
    changes_en: version.changes?.en ?? null,
    purposes: JSON.stringify(version.purposes),
    created_at: at,
  };
}

/** The default versions as rows, stamped `at`. */
export function defaultPolicyRows(at: string, defaults: readonly DefaultPolicyVersion[] = defaultPolicyVersions): PolicyVersionRow[] {
  return defaults.map((v) => toRow(v, at));
}

export function createPolicyService(deps: { db: HubDb; clock: () => Date; logger: Logger; defaults?: readonly DefaultPolicyVersion[] }): PolicyService {
  const { db, clock, logger } = deps;
  const defaults = deps.defaults ?? defaultPolicyVersions;

  async function current(executor: HubDb | HubTrx = db): Promise<PolicyVersion> {
    const [newest] = await listPolicyVersionsInEffect(executor, vietnamDate(clock()));
    if (newest === undefined) throw new Error('No privacy policy version is in effect');
    return toPolicyVersion(newest);
  }

  return {
    async ensureDefaults() {
      const at = clock().toISOString();
      const inserted = await insertMissingPolicyVersions(db, defaultPolicyRows(at, defaults));
      if (inserted > 0) logger.info('Default privacy policy versions stored', { inserted });
    },
    current,
    async versions() {
      return (await listPolicyVersionsInEffect(db, vietnamDate(clock()))).map(toPolicyVersion);
    },
    async get(version, executor = db) {
      const row = await getPolicyVersion(executor, version);
      return row === undefined ? undefined : toPolicyVersion(row);
    },
  };
}
