/**
 * The sync numbers of issue 6 (section `sync`), against a real hub on loopback (SQLite),
 * each beside a baseline measured in the same run and held to its budget by the median:
 *
 *   1. A real kiosk core flushes 1,000 queued writes from its outbox (budget 2 s), beside the
 *      same 1,000 operations posted straight to POST /v1/sync/push in batches of 100.
 *   2. A first pull (snapshot) of a 2,000-unit building's public data (budget 300 ms), and
 *   3. an incremental pull of 100 changes (budget 20 ms), both beside GET /v1/health.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createAppCore } from '../../electron/core/create-core';
import type { AppCore } from '../../electron/core/api';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { createHub } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { insertBuilding, insertUnits } from '../../server/db/residents';
import type { UnitRow } from '../../server/db/schema';
import type { JsonValue, PublishedChange } from '../../server/services/sync';
import type { SyncOperation, SyncPullResponse, SyncPushResponse } from '../../shared/hub-api';
import { serviceKinds } from '../../shared/domain';
import { silentLogger } from '../../shared/logger';
import { startSyncTestHub, TEST_KIND } from '../fixtures/sync-hub';
import { time } from './measure';
import { makeMetric, median } from './report';
import type { BenchContext } from './report';

const FLUSH_OPS = 1_000;
/** Rounds of each (full run; `--quick` does fewer). */
const FLUSH_ROUNDS = 3;
const FLUSH_ROUNDS_QUICK = 2;
const PUSH_BATCH = 100;
const FLUSH_BUDGET_MS = 2_000;

const UNITS = 2_000;
const ANNOUNCEMENTS = 200;
/** Residents erased over the building's years: every snapshot carries their erasures. */
const ERASURES = 50;
const INCREMENTAL_CHANGES = 100;
const PULL_RUNS = 30;
const PULL_RUNS_QUICK = 10;
const PULL_WARMUP = 5;
const SNAPSHOT_BUDGET_MS = 300;
const INCREMENTAL_BUDGET_MS = 20;
/** The kiosk's page size (DEFAULT_SYNC_OPTIONS.pullLimit). */
const PULL_LIMIT = 500;

async function enroll(base: string, code: string, name: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
  if (res.status !== 200) throw new Error(`enroll answered ${res.status}`);
  const enrolled = (await res.json()) as { deviceId: string; deviceSecret: string };
  return { 'x-kiot-device': `${enrolled.deviceId}.${enrolled.deviceSecret}`, 'content-type': 'application/json' };
}

/** A line of realistic length, so the payloads weigh what a resident's write would. */
const note = (i: number): string => `Bench write ${i}: yêu cầu sửa vòi nước bồn rửa bếp, cư dân có nhà sau 18 giờ.`;

async function benchFlush(ctx: BenchContext): Promise<void> {
  const { dir } = ctx;
  const hub = await startSyncTestHub(path.join(dir, 'sync-push-hub.sqlite'));
  const dataDir = path.join(dir, 'sync-kiosk');
  await mkdir(dataDir, { recursive: true });
  let core: AppCore | null = null;
  try {
    const config = loadKioskConfig(
      { KIOT_HUB_URL: hub.url, KIOT_ENROLL_CODE: await hub.createEnrollmentCode(), KIOT_DEVICE_NAME: 'Bench kiosk' },
      { dataDir, keystore: 'dev-file' },
    );
    // No sync timers: the writes stay queued until the flush being timed.
    core = await createAppCore({ config, keystore: createDevFileKeystore({ dataDir, packaged: false }), version: '0.0.0-bench', hubTimeoutMs: 30_000, sync: false });
    const kiosk = core;
    const direct = await enroll(hub.url, await hub.createEnrollmentCode(), 'Bench direct');

    const flushOnce = async (count: number): Promise<[sent: number, ms: number]> => {
      const ids = Array.from({ length: count }, (_, i) => kiosk.sync.record({ kind: TEST_KIND, payload: { value: note(i) }, sessionId: null, residentId: null }).id);
      const [, ms] = await time(() => kiosk.sync.flush());
      return [ids.filter((id) => kiosk.sync.itemStatus(id)?.status === 'sent').length, ms];
    };
    const directOnce = async (count: number): Promise<[applied: number, ms: number]> => {
      const ops: SyncOperation[] = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), kind: TEST_KIND, createdAt: new Date().toISOString(), sessionId: null, payload: { value: note(i) } }));
      const [applied, ms] = await time(async () => {
        let ok = 0;
        for (let at = 0; at < ops.length; at += PUSH_BATCH) {
          const res = await fetch(`${hub.url}/v1/sync/push`, { method: 'POST', headers: direct, body: JSON.stringify({ operations: ops.slice(at, at + PUSH_BATCH) }) });
          const body = (await res.json()) as SyncPushResponse;
          ok += body.results.filter((r) => r.status === 'applied').length;
        }
        return ok;
      });
      return [applied, ms];
    };

    // Warm both paths (JIT, prepared statements) before anything is timed.
    await flushOnce(PUSH_BATCH);
    await directOnce(PUSH_BATCH);
    const outbox: number[] = [];
    const plain: number[] = [];
    let sent = 0;
    let applied = 0;
    // Alternated, so drift in the machine or in the hub's tables hits both alike.
    const rounds = ctx.quick ? FLUSH_ROUNDS_QUICK : FLUSH_ROUNDS;
    for (let round = 0; round < rounds; round++) {
      const [s, outboxMs] = await flushOnce(FLUSH_OPS);
      const [a, plainMs] = await directOnce(FLUSH_OPS);
      sent += s;
      applied += a;
      outbox.push(outboxMs);
      plain.push(plainMs);
    }
    // A flush that lost or refused writes is fast for the wrong reason.
    if (sent !== FLUSH_OPS * rounds || applied !== FLUSH_OPS * rounds) throw new Error(`sync flush sent ${sent} and direct push applied ${applied} of ${FLUSH_OPS * rounds}`);
    ctx.emit(makeMetric({ metric: 'sync.outbox_flush_1000_writes', value: median(outbox), unit: 'ms', baseline: median(plain), budget: { atMost: FLUSH_BUDGET_MS } }));
  } finally {
    await core?.close();
    await hub.close();
  }
}

/** The public data a 2,000-unit building has on its feed, published the way services do. */
async function seedLargeBuilding(database: string, publish: (buildingId: string, changes: readonly PublishedChange[]) => Promise<void>): Promise<string> {
  const db = openDatabase(database);
  try {
    const now = new Date().toISOString();
    const buildingId = randomUUID();
    const units: UnitRow[] = Array.from({ length: UNITS }, (_, i) => {
      const tower = 'ABCD'[i % 4]!;
      const floor = 1 + Math.floor(i / 4 / 20);
      const label = `${tower}-${String(floor).padStart(2, '0')}${String((Math.floor(i / 4) % 20) + 1).padStart(2, '0')}`;
      return { id: randomUUID(), building_id: buildingId, label, tower, floor, area_m2: 55 + (i % 6) * 12, motorbikes: i % 3, cars: i % 7 === 0 ? 1 : 0, created_at: now, updated_at: now };
    });
    await db.transaction().execute(async (trx) => {
      await insertBuilding(trx, { id: buildingId, name: 'Khu đô thị Bench Riverside', address: 'Số 1 đường Bench, phường Bench, Hà Nội', created_at: now, updated_at: now });
      await insertUnits(trx, units);
    });
    await publish(buildingId, [
      { type: 'building_settings', id: buildingId, data: { name: 'Khu đô thị Bench Riverside', address: 'Số 1 đường Bench, phường Bench, Hà Nội', hotline: '024 3000 0000', defaultLocale: 'vi' } },
      { type: 'service_catalogue', id: buildingId, data: { services: serviceKinds.map((kind) => ({ kind, name: { vi: `Dịch vụ ${kind}`, en: `Service ${kind}` } })) } },
      ...Array.from({ length: ANNOUNCEMENTS }, (_, i) => ({ type: 'announcement' as const, id: `bench-announcement-${i}`, data: announcement(i) })),
      ...Array.from({ length: ERASURES }, () => ({ type: 'resident_erased' as const, id: randomUUID(), data: null })),
    ]);
    return buildingId;
  } finally {
    await db.destroy();
  }
}

function announcement(i: number): JsonValue {
  return {
    publishedAt: new Date(Date.now() - i * 36 * 3_600_000).toISOString(),
    title: { vi: `Thông báo số ${i}: bảo trì thang máy tòa ${'ABCD'[i % 4]}`, en: `Notice ${i}: lift maintenance in tower ${'ABCD'[i % 4]}` },
    body: {
      vi: 'Ban quản lý thông báo thang máy số 2 sẽ được bảo trì định kỳ từ 9 giờ đến 11 giờ sáng. Cư dân vui lòng sử dụng thang máy số 1 và số 3 trong thời gian này.',
      en: 'The management board informs residents that lift 2 is under routine maintenance from 9 to 11 a.m. Please use lifts 1 and 3 meanwhile.',
    },
  };
}

async function benchPull(ctx: BenchContext): Promise<void> {
  const { dir } = ctx;
  const database = path.join(dir, 'sync-pull-hub.sqlite');
  const hub = await createHub({ database, devMode: true, logger: silentLogger, terminal: { print: () => undefined } });
  const feed = openDatabase(database);
  try {
    const publish = async (buildingId: string, changes: readonly PublishedChange[]): Promise<void> => {
      await feed.transaction().execute(async (trx) => {
        for (const change of changes) await hub.sync.publish(trx, buildingId, change);
      });
    };
    const buildingId = await seedLargeBuilding(database, publish);
    const base = await hub.listen();
    const device = await enroll(base, await hub.createEnrollmentCode({ buildingId, mode: 'kiosk' }), 'Bench pull');

    /** Every page from `cursor` on, as the kiosk pulls them. */
    const pullAll = async (cursor?: string): Promise<{ changes: number; cursor: string }> => {
      let changes = 0;
      let at = cursor;
      for (let page = 0; page < 100; page++) {
        const query = new URLSearchParams({ limit: String(PULL_LIMIT), ...(at === undefined ? {} : { cursor: at }) });
        const res = await fetch(`${base}/v1/sync/pull?${query.toString()}`, { headers: device });
        const body = (await res.json()) as SyncPullResponse;
        changes += body.changes.length;
        at = body.cursor;
        if (!body.hasMore) break;
      }
      if (at === undefined) throw new Error('pull returned no cursor');
      return { changes, cursor: at };
    };
    const health = (): Promise<unknown> => fetch(`${base}/v1/health`).then((r) => r.json());

    const first = await pullAll();
    // 100 edits after the kiosk's cursor: half new notices, half corrections of old ones.
    await publish(
      buildingId,
      Array.from({ length: INCREMENTAL_CHANGES }, (_, i) => ({ type: 'announcement' as const, id: `bench-announcement-${i % 2 === 0 ? ANNOUNCEMENTS + i : i}`, data: announcement(ANNOUNCEMENTS + i) })),
    );
    let incrementalCount = 0;
    for (let i = 0; i < PULL_WARMUP; i++) {
      await health();
      await pullAll();
      incrementalCount = (await pullAll(first.cursor)).changes;
    }
    const baseline: number[] = [];
    const snapshot: number[] = [];
    const incremental: number[] = [];
    let snapshotCount = 0;
    // Interleaved, so noise on the machine hits the baseline and both pulls alike.
    for (let i = 0; i < (ctx.quick ? PULL_RUNS_QUICK : PULL_RUNS); i++) {
      baseline.push((await time(health))[1]);
      const [s, snapMs] = await time(() => pullAll());
      snapshotCount = s.changes;
      snapshot.push(snapMs);
      const [inc, incMs] = await time(() => pullAll(first.cursor));
      incrementalCount = inc.changes;
      incremental.push(incMs);
    }
    ctx.log(`sync: snapshot pull carried ${snapshotCount} entities, incremental pull ${incrementalCount} changes`);
    ctx.emit(makeMetric({ metric: 'sync.pull.snapshot_2000_units', value: median(snapshot), unit: 'ms', baseline: median(baseline), budget: { atMost: SNAPSHOT_BUDGET_MS } }));
    ctx.emit(makeMetric({ metric: 'sync.pull.incremental_100_changes', value: median(incremental), unit: 'ms', baseline: median(baseline), budget: { atMost: INCREMENTAL_BUDGET_MS } }));
  } finally {
    await feed.destroy();
    await hub.close();
  }
}

export async function benchSync(ctx: BenchContext): Promise<void> {
  await benchFlush(ctx);
  await benchPull(ctx);
}
