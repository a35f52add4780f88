/** The change feed service on a real in-memory SQLite hub database. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../shared/logger';
import { insertBuilding } from '../../../../server/db/residents';
import { syncTables } from '../../../../server/db/sync-schema';
import { seedDemo } from '../../../../server/seed';
import { createSyncService } from '../../../../server/services/sync';
import type { SyncService } from '../../../../server/services/sync';
import type { AuthenticatedDevice } from '../../../../server/services/devices';
import { createFixture } from '../fixtures';
import type { Fixture } from '../fixtures';

let fx: Fixture;
let sync: SyncService;

beforeEach(async () => {
  fx = await createFixture();
  sync = createSyncService({ db: fx.db, clock: fx.clock.now, newId: fx.newId });
});
afterEach(async () => {
  await fx.db.destroy();
});

const publish = (buildingId: string, id: string, data: unknown): Promise<number> =>
  fx.db.transaction().execute((trx) => sync.publish(trx, buildingId, { type: 'announcement', id, data: data as null }));

describe('sync feed', () => {
  it('numbers changes 1, 2, 3… per building', async () => {
    const otherBuilding = fx.newId();
    const now = fx.clock.now().toISOString();
    await insertBuilding(fx.db, { id: otherBuilding, name: 'Tòa khác', address: 'Huế', created_at: now, updated_at: now });
    expect([await publish(fx.buildingId, 'a', { n: 1 }), await publish(otherBuilding, 'b', { n: 1 }), await publish(fx.buildingId, 'c', { n: 2 })]).toEqual([1, 1, 2]);
  });

  it('keeps a change that rolls back out of the feed, and gives its number to the next', async () => {
    await expect(
      fx.db.transaction().execute(async (trx) => {
        await sync.publish(trx, fx.buildingId, { type: 'announcement', id: 'lost', data: { n: 0 } });
        throw new Error('the surrounding write failed');
      }),
    ).rejects.toThrow('the surrounding write failed');
    expect(await publish(fx.buildingId, 'kept', { n: 1 })).toBe(1);
    expect((await sync.pull(fx.kiosk, { limit: 10 })).changes).toEqual([{ seq: 1, type: 'announcement', id: 'kept', data: { n: 1 } }]);
  });

  it('refuses a cursor from before the feed was reset, even at a number the new feed has reached', async () => {
    await publish(fx.buildingId, 'a', { n: 1 });
    const { cursor } = await sync.pull(fx.kiosk, { limit: 10 });
    // The feed starts over (a restored or rebuilt database) and grows past the old cursor.
    const feed = syncTables(fx.db);
    await feed.deleteFrom('sync_entities').execute();
    await feed.deleteFrom('sync_changes').execute();
    await feed.deleteFrom('sync_heads').execute();
    await publish(fx.buildingId, 'b', { n: 1 });
    await publish(fx.buildingId, 'c', { n: 2 });
    await expect(sync.pull(fx.kiosk, { cursor, limit: 10 })).rejects.toMatchObject({ code: 'resync_required' });
    expect((await sync.pull(fx.kiosk, { limit: 10 })).changes.map((c) => c.id)).toEqual(['b', 'c']);
  });

  it('gives a building without changes an empty snapshot and a working cursor', async () => {
    const device: AuthenticatedDevice = { ...fx.kiosk };
    const first = await sync.pull(device, { limit: 10 });
    expect(first).toMatchObject({ changes: [], hasMore: false });
    await publish(fx.buildingId, 'a', { n: 1 });
    expect((await sync.pull(device, { cursor: first.cursor, limit: 10 })).changes.map((c) => [c.seq, c.id])).toEqual([[1, 'a']]);
  });

  it('publishes the demo building once, also for a demo building seeded before the feed existed', async () => {
    const deps = { clock: fx.clock.now, logger: silentLogger, sync };
    const demo = await seedDemo(fx.db, deps);
    const device: AuthenticatedDevice = { id: 'd', buildingId: demo.buildingId, mode: 'kiosk' };
    const snapshot = (await sync.pull(device, { limit: 100 })).changes;
    expect(snapshot.map((c) => c.type)).toEqual(['building_settings', 'service_catalogue', 'announcement', 'announcement', 'announcement']);
    const announcement = snapshot[2]!.data as { title: { vi: string; en: string }; body: { vi: string; en: string } };
    expect(announcement.title.vi).toMatch(/[ạ-ỹ]/u);
    expect(announcement.body.en.length).toBeGreaterThan(20);

    await seedDemo(fx.db, deps);
    expect((await sync.pull(device, { limit: 100 })).changes).toEqual(snapshot);

    const feed = syncTables(fx.db);
    await feed.deleteFrom('sync_entities').execute();
    await feed.deleteFrom('sync_changes').execute();
    await feed.deleteFrom('sync_heads').execute();
    await seedDemo(fx.db, deps);
    expect((await sync.pull(device, { limit: 100 })).changes.map((c) => [c.type, c.id, c.data])).toEqual(snapshot.map((c) => [c.type, c.id, c.data]));
  });
});
