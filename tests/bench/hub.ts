/**
 * Hub throughput, each figure beside bare Fastify serving the same number of bytes from its
 * own process, in interleaved rounds (hub, bare, hub, bare …) whose medians are reported:
 *
 *   - `hub`: authenticated GET /v1/me/bills of the first demo resident (24 months of bills),
 *     req/s and p99 under autocannon (10 connections, pipelining 1), on SQLite and PostgreSQL.
 *   - `otp`: sign-ins per second (request + verify, code read from the dev SMS adapter's
 *     messages) with the limits lifted by configuration, and how many one kiosk gets per
 *     hour under the default limits.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';
import { startChild } from './children';
import type { Child } from './children';
import type { HubChildDevice, HubChildReady, HubChildSms } from './hub-child';
import { makeMetric, median } from './report';
import type { BenchContext } from './report';

const CONNECTIONS = 10;
const OTP_WORKERS = 10;

type LoadResult = { rps: number; p99: number };

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration: seconds, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  // A fast stream of 401s or 429s is not a throughput figure.
  if (bad > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`);
  return { rps: result.requests.total / result.duration, p99: result.latency.p99 };
}

type BareReady = { type: 'ready'; url: string };

export type HubChild = Child<HubChildReady> & {
  /** Resolves with the next code texted to `phone` after this call; call it before requesting the code. */
  nextCode(phone: string): Promise<string>;
  enroll(): Promise<Record<string, string>>;
};

export async function startHubChild(database: string, limits: 'lifted' | 'default'): Promise<HubChild> {
  const waiting = new Map<string, (code: string) => void>();
  const devices: ((h: Record<string, string>) => void)[] = [];
  const child = await startChild<HubChildReady>('hub-child.ts', [database, limits], {
    onMessage: (message) => {
      const m = message as HubChildSms | HubChildDevice | HubChildReady;
      if (m.type === 'sms') {
        const code = /\b(\d{6})\b/.exec(m.body)?.[1];
        if (!code) return;
        // Texts nobody is waiting for (the child's own sign-in) are dropped, never handed to a later sign-in.
        const resolve = waiting.get(m.to);
        waiting.delete(m.to);
        resolve?.(code);
      } else if (m.type === 'device') devices.shift()?.(m.headers);
    },
  });
  return {
    ...child,
    // Registered before the request goes out, so the text cannot arrive unheard.
    nextCode: (phone) => new Promise((resolve) => waiting.set(phone, resolve)),
    enroll: () =>
      new Promise((resolve) => {
        devices.push(resolve);
        child.process.send({ type: 'enroll' });
      }),
  };
}

async function withPostgresDatabase<T>(ctx: BenchContext, fn: (url: string) => Promise<T>): Promise<T> {
  // The configured server, or an embedded one when it does not answer (one line says so).
  const server = await ensureTestPostgres({ adminUrl: process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL, say: ctx.log });
  const dbName = `kiot_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${dbName}`;
    return await fn(url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await server.stop();
  }
}

/** Rounds of hub then bare, so drift on the (shared, noisy) machine hits both alike. */
async function interleavedBills(ctx: BenchContext, hub: HubChild, bare: Child<BareReady>, label: string): Promise<{ hub: LoadResult; bare: LoadResult }> {
  const rounds = ctx.quick ? 3 : 5;
  const seconds = ctx.quick ? 2 : 10;
  const hubUrl = `${hub.ready.url}/v1/me/bills`;
  const bareUrl = `${bare.ready.url}/bare`;
  // Warm-up: JIT, prepared statements, connection pools.
  await load(hubUrl, hub.ready.headers, 1);
  await load(bareUrl, {}, 1);
  const hubRuns: LoadResult[] = [];
  const bareRuns: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    hubRuns.push(await load(hubUrl, hub.ready.headers, seconds));
    bareRuns.push(await load(bareUrl, {}, seconds));
    ctx.log(`hub ${label} round ${round + 1}/${rounds}: hub ${hubRuns.at(-1)!.rps.toFixed(0)} req/s, bare ${bareRuns.at(-1)!.rps.toFixed(0)} req/s`);
  }
  const pick = (runs: LoadResult[]): LoadResult => ({ rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)) });
  return { hub: pick(hubRuns), bare: pick(bareRuns) };
}

/** One sign-in (request + verify) through the hub, with the code the dev adapter texted. */
async function signIn(hub: HubChild, device: Record<string, string>, phone: string): Promise<'ok' | 'refused'> {
  const codeArrives = hub.nextCode(phone);
  const res = await fetch(`${hub.ready.url}/v1/auth/otp/request`, { method: 'POST', headers: device, body: JSON.stringify({ phone }) });
  if (res.status === 429) {
    await res.body?.cancel();
    return 'refused';
  }
  if (res.status !== 200) throw new Error(`OTP request answered ${res.status}: ${await res.text()}`);
  const { requestId } = (await res.json()) as { requestId: string };
  const code = await codeArrives;
  const verified = await fetch(`${hub.ready.url}/v1/auth/otp/verify`, { method: 'POST', headers: device, body: JSON.stringify({ requestId, code }) });
  if (verified.status !== 200) throw new Error(`OTP verify answered ${verified.status}: ${await verified.text()}`);
  await verified.body?.cancel();
  return 'ok';
}

/** The same client loop against bare Fastify: two small POSTs per "sign-in". */
async function bareSignIn(bare: Child<BareReady>): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${bare.ready.url}/bare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone":"+84912345678"}' });
    await res.text();
  }
}

/** `workers` loops side by side for `seconds`; returns completed iterations per second. */
async function loop(seconds: number, workers: number, once: (worker: number, i: number) => Promise<void>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        await once(w, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

async function benchOtp(ctx: BenchContext, hub: HubChild, bare: Child<BareReady>): Promise<number> {
  const phones = hub.ready.phones;
  if (phones.length < OTP_WORKERS) throw new Error(`the demo seed has ${phones.length} residents; the OTP bench needs ${OTP_WORKERS}`);
  const devices = await Promise.all(Array.from({ length: OTP_WORKERS }, () => hub.enroll()));
  // Each worker signs in its own residents, so no two sign-ins of one number overlap.
  const mine = (w: number, i: number): string => {
    const own = phones.filter((_, k) => k % OTP_WORKERS === w);
    return own[i % own.length]!;
  };
  const hubOnce = async (w: number, i: number): Promise<void> => {
    if ((await signIn(hub, devices[w]!, mine(w, i))) !== 'ok') throw new Error('a sign-in was refused with the limits lifted');
  };
  const rounds = ctx.quick ? 3 : 5;
  const seconds = ctx.quick ? 2 : 8;
  await loop(1, OTP_WORKERS, hubOnce);
  await loop(1, OTP_WORKERS, () => bareSignIn(bare));
  const hubRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    hubRates.push(await loop(seconds, OTP_WORKERS, hubOnce));
    bareRates.push(await loop(seconds, OTP_WORKERS, () => bareSignIn(bare)));
    ctx.log(`otp round ${round + 1}/${rounds}: hub ${hubRates.at(-1)!.toFixed(0)} sign-ins/s, bare ${bareRates.at(-1)!.toFixed(0)}/s`);
  }
  const rate = median(hubRates);
  ctx.emit(makeMetric({ metric: 'otp.sign_ins_per_s.limits_lifted', value: rate, unit: 'sign-ins/s', baseline: median(bareRates) }));
  return rate;
}

/**
 * How the default limits cap one kiosk: sign in distinct residents one after another until
 * the hub refuses, and count the sign-ins it allowed (all inside one hour's window).
 */
async function benchDefaultLimits(ctx: BenchContext, liftedRate: number | null): Promise<void> {
  const hub = await startHubChild(path.join(ctx.dir, 'otp-default-limits.sqlite'), 'default');
  try {
    const device = await hub.enroll();
    // Not the first number: the child signed that resident in at start-up, and a resend within a minute is refused.
    const phones = hub.ready.phones.slice(1);
    let allowed = 0;
    let refused = false;
    for (let i = 0; i < Math.min(phones.length, 200) && !refused; i++) {
      refused = (await signIn(hub, device, phones[i]!)) === 'refused';
      if (!refused) allowed++;
    }
    if (!refused) ctx.log(`otp default limits: ${allowed} sign-ins, never refused (the demo has only ${phones.length} residents)`);
    ctx.emit(
      makeMetric({ metric: 'otp.sign_ins_per_hour_one_kiosk.default_limits', value: allowed, unit: 'sign-ins/h', baseline: liftedRate === null ? null : liftedRate * 3600 }),
    );
  } finally {
    await hub.stop();
  }
}

export async function benchHubAndOtp(ctx: BenchContext, which: { hub: boolean; otp: boolean }): Promise<void> {
  const sqlite = await startHubChild(path.join(ctx.dir, 'hub.sqlite'), 'lifted');
  let bare: Child<BareReady> | null = null;
  let liftedRate: number | null = null;
  try {
    ctx.log(`hub: GET /v1/me/bills answers ${sqlite.ready.billCount} bills in ${sqlite.ready.billsBodyBytes} bytes`);
    bare = await startChild<BareReady>('bare-child.ts', [String(sqlite.ready.billsBodyBytes)]);
    if (which.hub) {
      const s = await interleavedBills(ctx, sqlite, bare, 'sqlite');
      ctx.emit(makeMetric({ metric: 'hub.bills.sqlite.req_per_s', value: s.hub.rps, unit: 'req/s', baseline: s.bare.rps, budget: { atLeast: 2000 } }));
      ctx.emit(makeMetric({ metric: 'hub.bills.sqlite.p99', value: s.hub.p99, unit: 'ms', baseline: s.bare.p99, budget: { atMost: 25 } }));
      const bareChild = bare;
      const p = await withPostgresDatabase(ctx, async (url) => {
        const pgHub = await startHubChild(url, 'lifted');
        try {
          return await interleavedBills(ctx, pgHub, bareChild, 'postgres');
        } finally {
          await pgHub.stop();
        }
      });
      ctx.emit(makeMetric({ metric: 'hub.bills.postgres.req_per_s', value: p.hub.rps, unit: 'req/s', baseline: p.bare.rps }));
      ctx.emit(makeMetric({ metric: 'hub.bills.postgres.p99', value: p.hub.p99, unit: 'ms', baseline: p.bare.p99 }));
      // "PostgreSQL within 2x of SQLite": how many times slower, SQLite being the baseline.
      ctx.emit(makeMetric({ metric: 'hub.bills.postgres_slowdown_vs_sqlite', value: s.hub.rps / p.hub.rps, unit: 'x', budget: { atMost: 2 } }));
    }
    if (which.otp) {
      liftedRate = await benchOtp(ctx, sqlite, bare);
    }
  } finally {
    await sqlite.stop();
    await bare?.stop();
  }
  if (which.otp) await benchDefaultLimits(ctx, liftedRate);
}
