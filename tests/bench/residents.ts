/**
 * `residents`: the console's resident search on 10,000 residents of one building, over HTTP
 * with a real staff session, on SQLite and PostgreSQL. Each query is timed one at a time
 * (a person typing, not a load test); p95 over a mix of names typed without diacritics,
 * phone fragments in both forms, email and unit. The baseline is `GET /v1/staff/me` (the
 * same authentication, no search) timed in the same rounds. Budget: p95 ≤ 50 ms at the hub.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { silentLogger } from '../../shared/logger';
import { createHub } from '../../server/app';
import { openDatabase } from '../../server/db/connect';
import { insertBuilding, insertResidents, insertUnits } from '../../server/db/residents';
import type { ResidentRow, UnitRow } from '../../server/db/schema';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { signInStaff } from '../fixtures/staff-session';
import { makeMetric, percentile } from './report';
import type { BenchContext } from './report';

const RESIDENTS = 10_000;
const PER_UNIT = 4;
const BUILDING = 'b-bench-residents';
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Quốc', 'Thanh', 'Ngọc', 'Hữu', 'Đức', 'Thu', 'Hoài'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vy', 'Yến'];
const QUERIES = ['nguyen van an', 'dang thi', 'tran minh', 'hoa', 'pham quoc dung', '0903 00', '+84 903 001 2', '0903001234', 'b-0712', 'r1234@example', 'le thu trang', 'vo'];

async function seed(database: string): Promise<void> {
  const db = openDatabase(database);
  try {
    const at = new Date().toISOString();
    const stamp = { created_at: at, updated_at: at };
    await insertBuilding(db, { id: BUILDING, name: 'Chung cư Bench', address: '1 Đường Thử, Hà Nội', ...stamp });
    const units: UnitRow[] = [];
    for (let i = 0; i < RESIDENTS / PER_UNIT; i++) {
      const tower = String.fromCharCode(65 + (i % 4));
      units.push({ id: `bu-${i}`, building_id: BUILDING, label: `${tower}-${String(Math.floor(i / 4) + 100).padStart(4, '0')}`, tower, floor: Math.floor(i / 40) + 1, area_m2: 70, motorbikes: 1, cars: 0, ...stamp });
    }
    const residents: ResidentRow[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / 7) % MIDDLE.length]} ${GIVEN[Math.floor(i / 3) % GIVEN.length]}`;
      residents.push({ id: `br-${String(i).padStart(6, '0')}`, building_id: BUILDING, unit_id: `bu-${i % units.length}`, full_name: name, phone_e164: `+84903${String(i).padStart(6, '0')}`, email: i % 3 === 0 ? `r${i}@example.vn` : null, ...stamp });
    }
    await db.transaction().execute(async (trx) => {
      await insertUnits(trx, units);
      await insertResidents(trx, residents);
    });
  } finally {
    await db.destroy();
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - t0;
}

async function measure(ctx: BenchContext, database: string, label: string): Promise<void> {
  // The hub migrates the database; the residents go in beside it, as the seed would put them.
  const hub = await createHub({ database, devMode: true, logger: silentLogger, terminal: { print: () => {} } });
  try {
    await seed(database);
    const base = await hub.listen();
    const staff = await signInStaff(hub, base, { buildingId: BUILDING, role: 'care' });
    const rounds = ctx.quick ? 10 : 40;
    const search: number[] = [];
    const baseline: number[] = [];
    // Warm-up: JIT, prepared statements, the pool.
    for (const q of QUERIES) await timed(`${base}/v1/staff/residents?q=${encodeURIComponent(q)}`, staff.headers);
    for (let round = 0; round < rounds; round++) {
      for (const q of QUERIES) {
        search.push(await timed(`${base}/v1/staff/residents?q=${encodeURIComponent(q)}&limit=25`, staff.headers));
        baseline.push(await timed(`${base}/v1/staff/me`, staff.headers));
      }
    }
    ctx.log(`residents ${label}: ${search.length} searches on ${RESIDENTS} residents`);
    ctx.emit(makeMetric({ metric: `residents.search.${label}.p95`, value: percentile(search, 0.95), unit: 'ms', baseline: percentile(baseline, 0.95), budget: { atMost: 50 } }));
  } finally {
    await hub.close();
  }
}

export async function benchResidents(ctx: BenchContext): Promise<void> {
  const dir = await mkdtemp(path.join(ctx.dir, 'residents-'));
  try {
    await measure(ctx, path.join(dir, 'hub.sqlite'), 'sqlite');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const server = await ensureTestPostgres({ adminUrl: process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL, say: ctx.log });
  const dbName = `kiot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${dbName}`;
    await measure(ctx, url.href, 'postgres');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}
