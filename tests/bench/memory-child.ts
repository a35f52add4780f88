/**
 * Kiosk-core memory over many resident sessions, in a process of its own started with
 * `--expose-gc` (argv[2]: how many sessions, argv[3]: a scratch folder).
 *
 * A real hub (embedded, SQLite, dev mode) answers the first sessions while every answer is
 * recorded; then the hub is closed and the same answers are replayed, so the measured heap
 * is the kiosk core's alone (its real SQLCipher database, session timers, dispatch and
 * hub client) and the sessions run at the core's own speed. Each session: start → phone →
 * code → bills → sign out. Heap used after a full GC is taken after a warm-up and at the end.
 */
import path from 'node:path';
import { createAppCore } from '../../electron/core/create-core';
import type { AppCore } from '../../electron/core/api';
import { loadKioskConfig } from '../../electron/core/platform/config';
import { createDevFileKeystore } from '../../electron/core/platform/keystore/dev-file-keystore';
import { createDevSmsAdapter, createHub } from '../../server/app';
import { silentLogger } from '../../shared/logger';

export type MemoryChildReady = {
  type: 'ready';
  sessions: number;
  heapStartMb: number;
  heapEndMb: number;
  /** Heap after GC at each fifth of the run, to tell a steady climb from one step. */
  heapTrailMb: number[];
  msPerSession: number;
  /** Hub routes the replay answered, e.g. `POST /v1/auth/otp/verify`. */
  routes: string[];
};

type Recorded = { status: number; headers: [string, string][]; body: string };

/** A fetch that passes through to the hub and records, then (once `replay` is set) answers from the recording. */
function recordingFetch(): { fetch: typeof fetch; replay(): void; routes(): string[] } {
  const answers = new Map<string, Recorded>();
  let replaying = false;
  const keyOf = (input: Parameters<typeof fetch>[0], init?: RequestInit): string => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    return `${method} ${url.pathname}`;
  };
  const fake: typeof fetch = async (input, init) => {
    const key = keyOf(input, init);
    if (replaying) {
      const answer = answers.get(key);
      if (!answer) throw new Error(`the memory bench has no recorded answer for ${key}`);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    }
    const res = await globalThis.fetch(input, init);
    const body = await res.text();
    answers.set(key, { status: res.status, headers: [...res.headers.entries()], body });
    return new Response(body, { status: res.status, headers: res.headers });
  };
  return { fetch: fake, replay: () => void (replaying = true), routes: () => [...answers.keys()].sort() };
}

/**
 * Each hub call arms an AbortSignal.timeout, held until it fires. At bench speed thousands
 * of sessions fit in the default 10 s, which would show up as "growth" that a kiosk (minutes
 * between sessions) never has; so the calls get a short timeout (replayed answers are
 * instant) and every heap reading first waits it out.
 */
const HUB_TIMEOUT_MS = 500;

const heapMb = async (): Promise<number> => {
  await new Promise((r) => setTimeout(r, HUB_TIMEOUT_MS + 200));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start this with node --expose-gc');
  // Twice: the first pass can leave objects that only a second one frees (finalizers, weak refs).
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function main(): Promise<void> {
  const sessions = Number(process.argv[2]);
  const dir = process.argv[3];
  if (!Number.isInteger(sessions) || sessions <= 0 || !dir) throw new Error('usage: memory-child <sessions> <dir>');
  const sms = createDevSmsAdapter({ clock: () => new Date(), logger: silentLogger });
  const lifted = { windowSeconds: 3600, max: 100_000_000 };
  const hub = await createHub({
    database: path.join(dir, 'memory-hub.sqlite'),
    devMode: true,
    sms,
    logger: silentLogger,
    terminal: { print: () => undefined },
    otpLimits: { resendAfterSeconds: 0, perNumber: [lifted], perDevice: lifted, perBuilding: lifted, global: lifted },
  });
  const demo = await hub.seedDemo();
  const hubUrl = await hub.listen({ host: '127.0.0.1', port: 0 });
  const resident = demo.residents[0];
  if (!resident) throw new Error('the demo seed has no resident');
  const dataDir = path.join(dir, 'memory-kiosk');
  const config = loadKioskConfig(
    { KIOT_HUB_URL: hubUrl, KIOT_ENROLL_CODE: await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' }), KIOT_DEVICE_NAME: 'Bench kiosk' },
    { dataDir, keystore: 'dev-file' },
  );
  const recorder = recordingFetch();
  let core: AppCore | null = null;
  try {
    core = await createAppCore({ config, keystore: createDevFileKeystore({ dataDir, packaged: false }), version: '0.0.0-bench', fetch: recorder.fetch, logger: silentLogger, sync: false, hubTimeoutMs: HUB_TIMEOUT_MS });
    const kiosk = core;
    const must = async (channel: string, request: unknown): Promise<void> => {
      const result = await kiosk.dispatch(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    };
    const latestCode = (): string => sms.messages().filter((m) => m.to === resident.phone).at(-1)?.body.match(/\b(\d{6})\b/)?.[1] ?? '000000';
    const session = async (live: boolean): Promise<void> => {
      const sent = sms.messages().length;
      await must('session:start', {});
      await must('auth:requestOtp', { phone: resident.phone });
      // The hub texts the code after it has answered; wait for that text.
      if (live) for (let i = 0; i < 200 && sms.messages().length === sent; i++) await new Promise((r) => setTimeout(r, 5));
      await must('auth:verifyOtp', { code: latestCode() });
      await must('bills:list', {});
      await must('session:end', {});
    };
    for (let i = 0; i < 3; i++) await session(true);
    await hub.close();
    recorder.replay();
    for (let i = 0; i < 200; i++) await session(false);
    const heapStartMb = await heapMb();
    const trail: number[] = [];
    let sessionMs = 0;
    for (let i = 1; i <= sessions; i++) {
      const t0 = performance.now();
      await session(false);
      sessionMs += performance.now() - t0;
      if (i % Math.max(1, Math.floor(sessions / 5)) === 0) trail.push(Number((await heapMb()).toFixed(2)));
    }
    const msPerSession = sessionMs / sessions;
    const heapEndMb = await heapMb();
    const ready: MemoryChildReady = { type: 'ready', sessions, heapStartMb, heapEndMb, heapTrailMb: trail, msPerSession, routes: recorder.routes() };
    process.send?.(ready);
  } finally {
    await core?.close();
    await hub.close().catch(() => undefined);
  }
}

main().then(
  () => {
    // Stay until the parent has read the result and lets go: exiting at once can race the message.
    if (!process.connected) return;
    process.on('message', () => undefined);
    process.once('disconnect', () => process.exit(0));
  },
  (err: unknown) => {
    process.stderr.write(`memory-child failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
