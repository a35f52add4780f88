/**
 * The audit chain under concurrent writers: two hub instances on one PostgreSQL database
 * (as behind a load balancer) append 30 events at once. The head row's lock must make them
 * queue, so the chain comes out whole: seq 1…30 without a gap or a duplicate, each event
 * linked to the one before, and verify content. SQLite runs the same race within one hub.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import type { AuditEventRow } from '../../../server/db/audit';
import { backends } from './backends';
import type { TestDatabase } from './backends';

describe.each(backends)('audit chain with two hubs writing at once on $name', (backend) => {
  let database: TestDatabase;
  let hubs: [Hub, Hub];
  /** Each hub instance's own connection pool, as its services would use. */
  let pools: [HubDb, HubDb];
  let buildingId: string;
  let staffId: string;

  beforeAll(async () => {
    database = await backend.create();
    const options = { database: database.url, devMode: false, logger: silentLogger, terminal: { print: () => {} } };
    hubs = [await createHub(options), await createHub(options)];
    pools = [openDatabase(database.url), openDatabase(database.url)];
    buildingId = `b-${randomBytes(4).toString('hex')}`;
    const stamp = new Date().toISOString();
    await pools[0].insertInto('buildings').values({ id: buildingId, name: 'Chung cư Linh Đàm', address: 'Hoàng Mai, Hà Nội', created_at: stamp, updated_at: stamp }).execute();
    staffId = (await hubs[0].staffAccess.addStaffMember({ buildingId, fullName: 'Phạm Thu Hà', role: 'care' })).id;
  });

  afterAll(async () => {
    for (const hub of hubs ?? []) await hub.close();
    for (const pool of pools ?? []) await pool.destroy();
    await database?.drop();
  });

  it('30 concurrent records leave one intact chain, seq 1 to 30', async () => {
    // A SQLite file belongs to one hub process (two connections in one process would block
    // each other's event loop), so there the 30 calls race on one hub's connection.
    const writers = backend.name === 'postgres' ? 2 : 1;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        hubs[i % writers]!.audit.record(pools[i % writers]!, {
          buildingId,
          residentId: `resident-${i}`,
          actor: i % 3 === 0 ? { kind: 'system', job: 'reminders' } : { kind: 'staff', staffId },
          action: 'profile.viewed',
          reason: `Lần xem thứ ${i}`,
        }),
      ),
    );
    const rows = (await pools[0].withTables<{ audit_events: AuditEventRow }>().selectFrom('audit_events').selectAll().where('building_id', '=', buildingId).orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.reason)).size).toBe(30);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await hubs[1].audit.verify(buildingId)).toEqual({ ok: true, buildings: [{ buildingId, events: 30 }] });
  });
});
