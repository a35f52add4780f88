import type { HubDb, HubTrx } from './connect';

export async function getSetting(db: HubDb | HubTrx, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function putSetting(db: HubDb | HubTrx, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/**
 * Returns the stored secret, creating it first if absent. Insert-then-read, so two hubs
 * starting at once on one database end up with the same value.
 */
export async function getOrCreateSecret(db: HubDb, name: string, create: () => string, now: string): Promise<string> {
  await db
    .insertInto('secrets')
    .values({ name, value: create(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
