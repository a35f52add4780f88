/** The policy versions table (migration 0007). */
import type { Kysely } from 'kysely';
import type { HubDb, HubTrx } from './connect';
import type { Database } from './schema';

export type PolicyVersionRow = {
  version: number;
  effective_from: string;
  text_vi: string;
  text_en: string;
  changes_vi: string | null;
  changes_en: string | null;
  /** JSON text: the version's purpose catalogue. */
  purposes: string;
  created_at: string;
};

type PolicyTables = { policy_versions: PolicyVersionRow };
type Db = HubDb | HubTrx;

function tables(db: Db): Kysely<Database & PolicyTables> {
  return db.withTables<PolicyTables>();
}

/** Inserts the versions this database does not have yet; existing ones are never overwritten. */
export async function insertMissingPolicyVersions(db: Db, rows: readonly PolicyVersionRow[]): Promise<number> {
  let inserted = 0;
  for (const row of rows) {
    const result = await tables(db).insertInto('policy_versions').values(row).onConflict((oc) => oc.column('version').doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Every version in effect on `today` (YYYY-MM-DD), newest first. */
export async function listPolicyVersionsInEffect(db: Db, today: string): Promise<PolicyVersionRow[]> {
  return tables(db).selectFrom('policy_versions').selectAll().where('effective_from', '<=', today).orderBy('version', 'desc').execute();
}

export async function getPolicyVersion(db: Db, version: number): Promise<PolicyVersionRow | undefined> {
  return tables(db).selectFrom('policy_versions').selectAll().where('version', '=', version).executeTakeFirst();
}
