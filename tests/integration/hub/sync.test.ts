/**
 * Sync over real loopback HTTP on both databases: push applies each operation exactly once
 * (also when the answer is lost after the hub committed), the session rules, the pull
 * feed (snapshot, incremental pages, other buildings, bad cursors, tombstones) and the
 * device heartbeat.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HeartbeatResponse, OtpRequestResponse, OtpVerifyResponse, SyncPullResponse, SyncPushResponse } from '../../../shared/hub-api';
import type { SyncOperation } from '../../../shared/hub-api';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import { createHub } from '../../../server/app';
import type { DemoInfo, Hub } from '../../../server/app';
import { openDatabase } from '../../../server/db/connect';
import type { HubDb } from '../../../server/db/connect';
import { getDeviceHeartbeat } from '../../../server/db/sync-heartbeats';
import { getSyncOperation } from '../../../server/db/sync-operations';
import { createIdGenerator } from '../../../server/ids';
import { defineSyncOperationKind, SESSION_CLOCK_TOLERANCE_MS } from '../../../server/services/sync-push';
import type { PublishedChange } from '../../../server/services/sync';
import { backends } from './backends';
import type { TestDatabase } from './backends';
import { call, createTestClock, enroll, errorOf, latestCode, T0 } from './helpers';
import type { Device, Reply } from './helpers';

/** The test's own operation kinds: they write to a table the test creates. */
const testKinds = {
  'test.append': defineSyncOperationKind({
    payload: z.object({ value: z.string() }),
    async apply(trx, op, ctx) {
      await sql`insert into sync_test_log (op_id, device_id, resident_id, value) values (${op.id}, ${ctx.device.id}, ${ctx.resident?.id ?? null}, ${op.payload.value})`.execute(trx);
    },
  }),
  // Writes, then refuses: the write must not survive.
  'test.refuse': defineSyncOperationKind({
    payload: z.object({ value: z.string() }),
    async apply(trx, op, ctx) {
      await sql`insert into sync_test_log (op_id, device_id, resident_id, value) values (${op.id}, ${ctx.device.id}, null, ${op.payload.value})`.execute(trx);
      throw new KiotError('wrong_state', 'The test kind refuses this');
    },
  }),
};

const newId = createIdGenerator(() => new Date(), (n) => randomBytes(n));

/** Forwards to the hub, but cuts the first response off as it starts: the hub has committed, the caller never hears. */
async function lossyProxy(target: string): Promise<{ base: string; dropped: () => number; close(): Promise<void> }> {
  const port = Number(new URL(target).port);
  let dropped = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (dropped === 0) {
        dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    base: `http://127.0.0.1:${address.port}`,
    dropped: () => dropped,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(backends)('sync on $name', (backend) => {
  const clock = createTestClock(T0);
  let database: TestDatabase;
  let hub: Hub;
  let base: string;
  let demo: DemoInfo;
  let db: HubDb;
  let kiosk: Device;
  let otherKiosk: Device;
  let manager: Device;
  let elsewhere: { buildingId: string; device: Device };

  beforeAll(async () => {
    database = await backend.create();
    hub = await createHub({ database: database.url, devMode: true, clock: clock.now, logger: silentLogger, terminal: { print: () => {} }, syncOperationKinds: testKinds });
    demo = await hub.seedDemo();
    base = await hub.listen();
    db = openDatabase(database.url);
    await sql`create table sync_test_log (op_id text primary key, device_id text not null, resident_id text, value text not null)`.execute(db);
    kiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }));
    otherKiosk = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), 'Sảnh tòa B');
    manager = await enroll(base, await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'manager' }), 'Văn phòng BQL');
    const buildingId = newId();
    const stamp = clock.now().toISOString();
    await db.insertInto('buildings').values({ id: buildingId, name: 'Tòa nhà Hoàng Mai', address: 'Hoàng Mai, Hà Nội', created_at: stamp, updated_at: stamp }).execute();
    elsewhere = { buildingId, device: await enroll(base, await hub.createEnrollmentCode({ buildingId, mode: 'kiosk' }), 'Sảnh Hoàng Mai') };
  });

  afterAll(async () => {
    await hub?.close();
    await db?.destroy();
    await database?.drop();
  });

  const op = (value: string, extra: Partial<SyncOperation> = {}): SyncOperation => ({
    id: newId(),
    kind: 'test.append',
    createdAt: clock.now().toISOString(),
    sessionId: null,
    payload: { value },
    ...extra,
  });

  const push = (device: Device, operations: SyncOperation[], at = base): Promise<Reply> => call(at, 'POST', '/v1/sync/push', { json: { operations }, headers: device.header });

  async function pushed(device: Device, operations: SyncOperation[]): Promise<SyncPushResponse['results']> {
    const reply = await push(device, operations);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return SyncPushResponse.parse(reply.body).results;
  }

  async function logged(ids: string[]): Promise<{ op_id: string; device_id: string; resident_id: string | null; value: string }[]> {
    if (ids.length === 0) return [];
    const rows = await sql<{ op_id: string; device_id: string; resident_id: string | null; value: string }>`select op_id, device_id, resident_id, value from sync_test_log where op_id in (${sql.join(ids)})`.execute(db);
    return rows.rows;
  }

  async function pull(device: Device, query: { cursor?: string; limit?: number } = {}): Promise<SyncPullResponse> {
    const params = new URLSearchParams();
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const reply = await call(base, 'GET', `/v1/sync/pull${params.size > 0 ? `?${params.toString()}` : ''}`, { headers: device.header });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return SyncPullResponse.parse(reply.body);
  }

  const publish = (buildingId: string, change: PublishedChange): Promise<number> => db.transaction().execute((trx) => hub.sync.publish(trx, buildingId, change));

  describe('push', () => {
    it('applies each operation once, answers in request order, and answers the same batch sent again with duplicate', async () => {
      const batch = [op('một'), op('hai', { kind: 'test.unknown' }), op('ba', { kind: 'test.refuse' }), op('bốn', { payload: { value: 4 } }), op('năm')];
      const first = await pushed(kiosk, batch);
      expect(first.map((r) => r.id)).toEqual(batch.map((o) => o.id));
      expect(first.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
      expect(first[1]!.error).toEqual({ code: 'invalid_input', message: 'Unknown operation kind test.unknown' });
      expect(first[2]!.error).toEqual({ code: 'wrong_state', message: 'The test kind refuses this' });
      expect(first[3]!.error?.code).toBe('invalid_input');
      expect(first[0]!.error).toBeUndefined();

      for (let attempt = 0; attempt < 2; attempt += 1) {
        const again = await pushed(kiosk, batch);
        // Rejections are final: the same rejection, not a second try.
        expect(again).toEqual([
          { id: batch[0]!.id, status: 'duplicate' },
          first[1],
          first[2],
          first[3],
          { id: batch[4]!.id, status: 'duplicate' },
        ]);
      }
      // The refused kind's own write was rolled back with it.
      expect((await logged(batch.map((o) => o.id))).map((r) => r.value).sort()).toEqual(['một', 'năm']);
      const record = await getSyncOperation(db, batch[0]!.id);
      expect(record).toMatchObject({ device_id: kiosk.id, kind: 'test.append', status: 'applied', error_code: null, created_at: batch[0]!.createdAt });
      expect(await getSyncOperation(db, batch[2]!.id)).toMatchObject({ status: 'rejected', error_code: 'wrong_state' });
    });

    it('applies a batch once when the answer is lost after the hub committed, then answers duplicate', async () => {
      const proxy = await lossyProxy(base);
      try {
        const batch = [op('a'), op('b'), op('c')];
        await expect(push(kiosk, batch, proxy.base)).rejects.toThrow();
        expect(proxy.dropped()).toBe(1);
        // The hub did commit before the connection was cut.
        expect(await logged(batch.map((o) => o.id))).toHaveLength(3);
        for (let attempt = 0; attempt < 2; attempt += 1) {
          expect((await pushed(kiosk, batch)).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
        }
        expect(await logged(batch.map((o) => o.id))).toHaveLength(3);
      } finally {
        await proxy.close();
      }
    });

    it("rejects another device's operation id and changes nothing", async () => {
      const mine = op('của tôi');
      expect((await pushed(kiosk, [mine]))[0]!.status).toBe('applied');
      const stolen = await pushed(otherKiosk, [{ ...mine, payload: { value: 'giả mạo' } }]);
      expect(stolen).toEqual([{ id: mine.id, status: 'rejected', error: { code: 'forbidden', message: 'This operation id was already used by another device' } }]);
      expect(await logged([mine.id])).toEqual([{ op_id: mine.id, device_id: kiosk.id, resident_id: null, value: 'của tôi' }]);
      // And the owner still gets its duplicate.
      expect((await pushed(kiosk, [mine]))[0]!.status).toBe('duplicate');
    });

    it('takes 1 to 100 operations; 101, none or an oversized payload is a 400', async () => {
      const hundred = Array.from({ length: 100 }, (_, i) => op(`op-${i}`));
      const results = await pushed(manager, hundred);
      expect(results.map((r) => r.id)).toEqual(hundred.map((o) => o.id));
      expect(results.every((r) => r.status === 'applied')).toBe(true);

      const tooMany = Array.from({ length: 101 }, (_, i) => op(`x-${i}`));
      const refused = await push(kiosk, tooMany);
      expect(refused.status).toBe(400);
      expect(errorOf(refused).code).toBe('invalid_input');
      expect(await logged(tooMany.map((o) => o.id))).toEqual([]);
      expect((await push(kiosk, [])).status).toBe(400);
      expect((await push(kiosk, [op('x'.repeat(17 * 1024))])).status).toBe(400);
      expect((await push(kiosk, [op('ok', { id: 'not-a-uuid' })])).status).toBe(400);
      // Without a device credential there is no push at all.
      expect((await call(base, 'POST', '/v1/sync/push', { json: { operations: [op('x')] } })).status).toBe(401);
    });

    it("accepts a resident's operation after the token expired, only from that device and only from inside the session", async () => {
      const phone = demo.residents[0]!.phone;
      const requested = await call(base, 'POST', '/v1/auth/otp/request', { json: { phone }, headers: kiosk.header });
      expect(requested.status).toBe(200);
      const { requestId } = OtpRequestResponse.parse(requested.body);
      const outbox = await call(base, 'GET', '/v1/dev/sms-outbox');
      const verified = await call(base, 'POST', '/v1/auth/otp/verify', { json: { requestId, code: latestCode(outbox.body as never, phone) }, headers: kiosk.header });
      expect(verified.status).toBe(200);
      const session = OtpVerifyResponse.parse(verified.body);
      const row = await db.selectFrom('resident_sessions').selectAll().where('id', '=', session.sessionId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ device_id: kiosk.id, resident_id: session.resident.id, expires_at: session.expiresAt });

      const during = new Date(Date.parse(row.created_at) + 60_000).toISOString();
      const inside = op('trong phiên', { sessionId: session.sessionId, createdAt: during });
      const before = op('trước phiên', { sessionId: session.sessionId, createdAt: new Date(Date.parse(row.created_at) - SESSION_CLOCK_TOLERANCE_MS - 1).toISOString() });
      const after = op('sau phiên', { sessionId: session.sessionId, createdAt: new Date(Date.parse(row.expires_at) + SESSION_CLOCK_TOLERANCE_MS + 1).toISOString() });
      const foreign = op('thiết bị khác', { sessionId: session.sessionId, createdAt: during });
      const unknown = op('phiên lạ', { sessionId: newId(), createdAt: during });

      // The token is long dead by the time the kiosk gets its network back.
      clock.advance(60 * 60);
      expect(await pushed(kiosk, [inside, before, after, unknown])).toEqual([
        { id: inside.id, status: 'applied' },
        { id: before.id, status: 'rejected', error: { code: 'forbidden', message: 'The operation was not made while its resident session was open' } },
        { id: after.id, status: 'rejected', error: { code: 'forbidden', message: 'The operation was not made while its resident session was open' } },
        { id: unknown.id, status: 'rejected', error: { code: 'unauthorized', message: 'Unknown resident session' } },
      ]);
      expect(await pushed(otherKiosk, [foreign])).toEqual([{ id: foreign.id, status: 'rejected', error: { code: 'forbidden', message: 'The resident session was opened on another device' } }]);
      expect(await logged([inside, before, after, unknown, foreign].map((o) => o.id))).toEqual([{ op_id: inside.id, device_id: kiosk.id, resident_id: session.resident.id, value: 'trong phiên' }]);

      // A session ended early (sign-out) covers only what came before its end.
      const revokedAt = new Date(Date.parse(row.created_at) + 120_000).toISOString();
      await db.updateTable('resident_sessions').set({ revoked_at: revokedAt }).where('id', '=', row.id).execute();
      const beforeRevoke = op('trước khi thu hồi', { sessionId: row.id, createdAt: new Date(Date.parse(revokedAt) - 1).toISOString() });
      const afterRevoke = op('sau khi thu hồi', { sessionId: row.id, createdAt: new Date(Date.parse(revokedAt) + SESSION_CLOCK_TOLERANCE_MS + 1).toISOString() });
      expect((await pushed(kiosk, [beforeRevoke, afterRevoke])).map((r) => r.status)).toEqual(['applied', 'rejected']);

      // A kiosk whose clock runs 30 s behind the hub's does not lose the resident's writes.
      const behind = op('đồng hồ chậm', { sessionId: row.id, createdAt: new Date(Date.parse(row.created_at) - 30_000).toISOString() });
      expect((await pushed(kiosk, [behind])).map((r) => r.status)).toEqual(['applied']);
    });
  });

  describe('pull', () => {
    it("starts with a snapshot of the building's public data", async () => {
      const snapshot = await pull(kiosk);
      expect(snapshot.hasMore).toBe(false);
      const settings = snapshot.changes.find((c) => c.type === 'building_settings');
      expect(settings).toMatchObject({ id: demo.buildingId, data: { name: demo.buildingName, hotline: expect.any(String), defaultLocale: 'vi' } });
      const catalogue = snapshot.changes.find((c) => c.type === 'service_catalogue')?.data as { services: { kind: string; name: { vi: string; en: string } }[] };
      expect(catalogue.services.map((s) => s.kind)).toEqual(expect.arrayContaining(['electricity', 'water', 'management', 'parking']));
      expect(catalogue.services.find((s) => s.kind === 'water')?.name).toEqual({ vi: 'Tiền nước', en: 'Water' });
      expect(snapshot.changes.filter((c) => c.type === 'announcement').length).toBeGreaterThanOrEqual(2);
      expect(snapshot.changes.every((c) => c.data !== null)).toBe(true);
      const seqs = snapshot.changes.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // Any device of the building may pull, managers included.
      expect((await pull(manager)).changes).toEqual(snapshot.changes);
    });

    it('continues from a cursor in order, a page at a time, and leaves deleted entities out of a snapshot', async () => {
      const start = (await pull(kiosk)).cursor;
      const ids = Array.from({ length: 5 }, () => newId());
      const published: number[] = [];
      for (const id of ids) published.push(await publish(demo.buildingId, { type: 'announcement', id, data: { title: { vi: `Thông báo ${id}`, en: `Notice ${id}` } } }));
      published.push(await publish(demo.buildingId, { type: 'announcement', id: ids[0]!, data: null }));

      const pages: SyncPullResponse[] = [];
      let cursor = start;
      for (let i = 0; i < 10; i += 1) {
        const page = await pull(kiosk, { cursor, limit: 2 });
        pages.push(page);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(pages.map((p) => [p.changes.length, p.hasMore])).toEqual([
        [2, true],
        [2, true],
        [2, false],
      ]);
      const changes = pages.flatMap((p) => p.changes);
      expect(changes.map((c) => c.seq)).toEqual(published);
      expect(published).toEqual(Array.from({ length: 6 }, (_, i) => published[0]! + i));
      expect(changes.at(-1)).toEqual({ seq: published[5], type: 'announcement', id: ids[0], data: null });
      // Nothing new: an empty page, and the cursor still works.
      const idle = await pull(kiosk, { cursor });
      expect(idle).toMatchObject({ changes: [], hasMore: false });
      expect((await pull(kiosk, { cursor: idle.cursor })).changes).toEqual([]);

      const snapshot = await pull(kiosk);
      const announced = snapshot.changes.filter((c) => c.type === 'announcement').map((c) => c.id);
      expect(announced).toEqual(expect.arrayContaining(ids.slice(1)));
      expect(announced).not.toContain(ids[0]);
    });

    it('pages a snapshot, and a deletion between pages reaches the device', async () => {
      const whole = await pull(kiosk);
      expect(whole.changes.length).toBeGreaterThan(3);
      const first = await pull(kiosk, { limit: 2 });
      expect(first).toMatchObject({ hasMore: true });
      expect(first.changes).toEqual(whole.changes.slice(0, 2));
      // Deleted after the device got it in the first page.
      const gone = first.changes.find((c) => c.type === 'announcement') ?? first.changes[0]!;
      const tombstoneSeq = await publish(demo.buildingId, { type: gone.type, id: gone.id, data: null });

      const rest: SyncPullResponse['changes'] = [];
      let cursor = first.cursor;
      for (let i = 0; i < 50; i += 1) {
        const page = await pull(kiosk, { cursor, limit: 2 });
        rest.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      expect(rest.filter((c) => c.data !== null).map((c) => c.id)).toEqual(whole.changes.slice(2).map((c) => c.id));
      // Later pages may also carry deletions of entities the device never got, which are harmless.
      const delivered = new Set(whole.changes.map((c) => c.id));
      expect(rest.filter((c) => c.data === null && delivered.has(c.id)).map((c) => c.id)).toEqual([gone.id]);
      expect(rest.at(-1)).toEqual({ seq: tombstoneSeq, type: gone.type, id: gone.id, data: null });
      expect((await pull(kiosk, { cursor })).changes).toEqual([]);
      // Put back for the other tests.
      await publish(demo.buildingId, { type: gone.type, id: gone.id, data: gone.data });
    });

    it('keeps erasures in every snapshot, with the resident id and nothing else', async () => {
      const erasedId = newId();
      const seq = await publish(demo.buildingId, { type: 'resident_erased', id: erasedId, data: null });
      // A kiosk starting over (first run, or after resync_required) must still learn of it.
      const snapshot = await pull(kiosk);
      expect(snapshot.changes).toContainEqual({ seq, type: 'resident_erased', id: erasedId, data: null });
      expect(snapshot.changes.filter((c) => c.data === null).every((c) => c.type === 'resident_erased')).toBe(true);
    });

    it("never shows another building's changes, and refuses its cursor", async () => {
      const mine = (await pull(kiosk)).cursor;
      const theirs = (await pull(elsewhere.device)).cursor;
      const id = newId();
      await publish(elsewhere.buildingId, { type: 'announcement', id, data: { title: { vi: 'Chỉ tòa Hoàng Mai', en: 'Hoang Mai only' } } });
      expect((await pull(kiosk, { cursor: mine })).changes).toEqual([]);
      expect((await pull(kiosk)).changes.map((c) => c.id)).not.toContain(id);
      expect((await pull(elsewhere.device, { cursor: theirs })).changes.map((c) => c.id)).toEqual([id]);
      expect((await pull(elsewhere.device)).changes.map((c) => c.id)).toEqual([id]);

      const crossed = await call(base, 'GET', `/v1/sync/pull?cursor=${encodeURIComponent(mine)}`, { headers: elsewhere.device.header });
      expect(crossed.status).toBe(410);
      expect(errorOf(crossed).code).toBe('resync_required');
    });

    it('answers 410 resync_required, telling the device to snapshot again, for a cursor it cannot continue', async () => {
      const { cursor } = await pull(kiosk);
      const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = (patch: Record<string, unknown>): string => Buffer.from(JSON.stringify({ ...state, ...patch }), 'utf8').toString('base64url');
      for (const bad of ['garbage', forged({ seq: Number(state['seq']) + 1000 }), forged({ epoch: 'another-epoch' }), forged({ v: 2 })]) {
        const reply = await call(base, 'GET', `/v1/sync/pull?cursor=${encodeURIComponent(bad)}`, { headers: kiosk.header });
        expect(reply.status, bad).toBe(410);
        expect(errorOf(reply).code).toBe('resync_required');
        expect(errorOf(reply).message).toMatch(/without a cursor.*snapshot/);
      }
      for (const limit of ['0', '1001', 'abc']) expect((await call(base, 'GET', `/v1/sync/pull?limit=${limit}`, { headers: kiosk.header })).status).toBe(400);
      expect((await call(base, 'GET', '/v1/sync/pull')).status).toBe(401);
    });
  });

  describe('heartbeat', () => {
    it("stores each device's latest report", async () => {
      const beat = { version: '0.1.0', uptimeSeconds: 3600, outboxDepth: 4, oldestPendingSeconds: 95, lastSyncAt: T0.toISOString(), lastError: 'hub unreachable: ECONNREFUSED' };
      const reply = await call(base, 'POST', '/v1/devices/heartbeat', { json: beat, headers: otherKiosk.header });
      expect(reply.status).toBe(200);
      expect(HeartbeatResponse.parse(reply.body)).toEqual({ receivedAt: clock.now().toISOString() });
      expect(await getDeviceHeartbeat(db, otherKiosk.id)).toEqual({
        device_id: otherKiosk.id,
        last_seen_at: clock.now().toISOString(),
        version: '0.1.0',
        uptime_seconds: 3600,
        outbox_depth: 4,
        oldest_pending_seconds: 95,
        last_sync_at: T0.toISOString(),
        last_error: 'hub unreachable: ECONNREFUSED',
      });

      clock.advance(60);
      const healthy = { ...beat, uptimeSeconds: 3660, outboxDepth: 0, oldestPendingSeconds: null, lastSyncAt: clock.now().toISOString(), lastError: null };
      expect((await call(base, 'POST', '/v1/devices/heartbeat', { json: healthy, headers: otherKiosk.header })).status).toBe(200);
      expect(await getDeviceHeartbeat(db, otherKiosk.id)).toMatchObject({ last_seen_at: clock.now().toISOString(), uptime_seconds: 3660, outbox_depth: 0, oldest_pending_seconds: null, last_error: null });

      for (const bad of [{ ...beat, outboxDepth: -1 }, { ...beat, lastError: 'x'.repeat(201) }, { ...beat, uptimeSeconds: 1.5 }]) {
        expect((await call(base, 'POST', '/v1/devices/heartbeat', { json: bad, headers: otherKiosk.header })).status).toBe(400);
      }
      expect((await call(base, 'POST', '/v1/devices/heartbeat', { json: beat })).status).toBe(401);
    });
  });
});
