/**
 * The change feed under concurrent writers on PostgreSQL: two hub instances on one database
 * publish in overlapping transactions while a device pulls over HTTP from both. The reader
 * must see every committed change exactly once, in seq order, with no number skipped (a
 * later commit with a smaller number would be lost for good behind the reader's cursor).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SyncPullResponse, SyncPushResponse } from '../../../shared/hub-api';
import type { SyncOperation } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { createHub } from '../../../server/app';
import type { Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { createIdGenerator } from '../../../server/ids';
import { defineSyncOperationKind } from '../../../server/services/sync-push';
import { postgresBackend } from './backends';
import type { TestDatabase } from './backends';
import { call, enroll } from './helpers';
import type { Device } from './helpers';

const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));
/** Counts applications per operation id, slowly, so two pushes of one id overlap. */
const countingKind = defineSyncOperationKind({
  payload: z.object({ n: z.number().int() }),
  async apply(trx, op) {
    await sql`insert into sync_test_applied (op_id, n) values (${op.id}, ${op.payload.n})`.execute(trx);
    await sql`select pg_sleep(0.02)`.execute(trx);
  },
});
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sync feed with two hubs writing on PostgreSQL', () => {
  let database: TestDatabase;
  let hubs: [Hub, Hub];
  let bases: [string, string];
  /** Each hub instance's own connection pool, as its services would use. */
  let pools: [HubDb, HubDb];
  let buildingId: string;
  let device: Device;
  let pulls = 0;

  beforeAll(async () => {
    database = await postgresBackend.create();
    const options = { database: database.url, devMode: false, logger: silentLogger, terminal: { print: () => {} }, syncOperationKinds: { 'test.count': countingKind } };
    hubs = [await createHub(options), await createHub(options)];
    bases = [await hubs[0].listen(), await hubs[1].listen()];
    pools = [openDatabase(database.url), openDatabase(database.url)];
    buildingId = newId();
    const stamp = new Date().toISOString();
    await pools[0].insertInto('buildings').values({ id: buildingId, name: 'Chung cư Linh Đàm', address: 'Hoàng Mai, Hà Nội', created_at: stamp, updated_at: stamp }).execute();
    device = await enroll(bases[0], await hubs[0].createEnrollmentCode({ buildingId, mode: 'kiosk' }));
    // No foreign or primary key on op_id: a second application must show up as a second row.
    await sql`create table sync_test_applied (op_id text not null, n integer not null)`.execute(pools[0]);
  });

  afterAll(async () => {
    for (const hub of hubs ?? []) await hub.close();
    for (const pool of pools ?? []) await pool.destroy();
    await database?.drop();
  });

  /** One pull, from either hub in turn, as a load balancer would spread them. */
  async function pull(cursor: string | undefined, limit = 7): Promise<SyncPullResponse> {
    const base = bases[pulls++ % 2]!;
    const query = new URLSearchParams({ limit: String(limit), ...(cursor !== undefined ? { cursor } : {}) });
    const reply = await call(base, 'GET', `/v1/sync/pull?${query.toString()}`, { headers: device.header });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return SyncPullResponse.parse(reply.body);
  }

  async function waitersOnLocks(): Promise<number> {
    const rows = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(pools[0]);
    return rows.rows[0]!.n;
  }

  it('holds back a later writer until the earlier one commits, and the reader sees neither before both are in', async () => {
    let cursor = (await pull(undefined)).cursor;
    const held = await pools[0].startTransaction().execute();
    const first = newId();
    const firstSeq = await hubs[0].sync.publish(held, buildingId, { type: 'announcement', id: first, data: { n: 1 } });

    const second = newId();
    let secondDone = false;
    const secondWrite = pools[1]
      .transaction()
      .execute((trx) => hubs[1].sync.publish(trx, buildingId, { type: 'announcement', id: second, data: { n: 2 } }))
      .finally(() => {
        secondDone = true;
      });
    for (let i = 0; i < 500 && (await waitersOnLocks()) === 0; i += 1) await pause(10);
    expect(await waitersOnLocks()).toBeGreaterThan(0);

    // Pulls do not queue behind the writers, and show nothing that has not committed.
    for (let i = 0; i < 3; i += 1) {
      const page = await pull(cursor);
      expect(page.changes).toEqual([]);
      cursor = page.cursor;
    }
    expect(secondDone).toBe(false);

    await held.commit().execute();
    const secondSeq = await secondWrite;
    expect(secondSeq).toBe(firstSeq + 1);
    const page = await pull(cursor);
    expect(page.changes.map((c) => [c.seq, c.id])).toEqual([
      [firstSeq, first],
      [secondSeq, second],
    ]);
  });

  it('a rolled-back writer leaves no hole: its number goes to the next change', async () => {
    const { cursor } = await pull(undefined);
    const doomed = await pools[0].startTransaction().execute();
    const taken = await hubs[0].sync.publish(doomed, buildingId, { type: 'announcement', id: newId(), data: { doomed: true } });
    await doomed.rollback().execute();
    const kept = newId();
    const seq = await pools[1].transaction().execute((trx) => hubs[1].sync.publish(trx, buildingId, { type: 'announcement', id: kept, data: { kept: true } }));
    expect(seq).toBe(taken);
    expect((await pull(cursor)).changes.map((c) => [c.seq, c.id])).toEqual([[seq, kept]]);
  });

  it('a reader pulling throughout sees every change of overlapping writers exactly once, in order', async () => {
    const start = await pull(undefined);
    let cursor = start.cursor;
    const baseline = (await pull(cursor)).changes;
    expect(baseline).toEqual([]);

    const WRITERS = 4;
    const TRANSACTIONS = 12;
    const published: string[] = [];
    let writing = true;
    const writer = async (w: number): Promise<void> => {
      const hub = hubs[w % 2]!;
      const pool = pools[w % 2]!;
      for (let t = 0; t < TRANSACTIONS; t += 1) {
        await pool.transaction().execute(async (trx) => {
          // One or two changes per transaction, then hold it open a moment before commit.
          for (let c = 0; c <= (t + w) % 2; c += 1) {
            const id = newId();
            await hub.sync.publish(trx, buildingId, { type: 'announcement', id, data: { writer: w, t, c } });
            published.push(id);
          }
          await pause((t * 7 + w * 3) % 6);
        });
      }
    };
    const writers = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w))).finally(() => {
      writing = false;
    });

    const seen: SyncPullResponse['changes'] = [];
    const reader = async (): Promise<void> => {
      // Bounded: keep pulling while the writers run, then drain what is left.
      for (let i = 0; i < 5_000; i += 1) {
        const wasWriting = writing;
        const page = await pull(cursor, 5);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (!wasWriting && !page.hasMore) return;
        if (page.changes.length === 0) await pause(1);
      }
      throw new Error('the reader did not catch up');
    };
    await Promise.all([writers, reader()]);

    expect(seen.length).toBe(published.length);
    expect(new Set(seen.map((c) => c.id))).toEqual(new Set(published));
    const first = seen[0]!.seq;
    expect(seen.map((c) => c.seq)).toEqual(seen.map((_, i) => first + i));
    // The reader watched the feed grow rather than getting it all at the end.
    expect(pulls).toBeGreaterThan(10);
  });

  it('applies an operation once when the same batch reaches both hubs at the same time', async () => {
    const batch: SyncOperation[] = Array.from({ length: 8 }, (_, n) => ({ id: newId(), kind: 'test.count', createdAt: new Date().toISOString(), sessionId: null, payload: { n } }));
    const replies = await Promise.all([0, 1, 0, 1].map((h) => call(bases[h]!, 'POST', '/v1/sync/push', { json: { operations: batch }, headers: device.header })));
    const results = replies.map((reply) => {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return SyncPushResponse.parse(reply.body).results;
    });
    batch.forEach((op, i) => {
      const statuses = results.map((r) => r[i]!.status).sort();
      expect(statuses, op.id).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    });
    const applied = await sql<{ op_id: string; times: number }>`select op_id, count(*)::int as times from sync_test_applied group by op_id`.execute(pools[0]);
    expect(applied.rows).toHaveLength(batch.length);
    expect(applied.rows.every((r) => r.times === 1)).toBe(true);
  });
});
