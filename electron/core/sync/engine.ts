import type { Logger } from '../../../shared/logger';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import type { Clock, TimerHandle } from '../api';
import { getOutboxItem, getPendingStats, pruneFinishedOutboxRows } from '../db/outbox';
import type { KioskDatabase } from '../db/open';
import { checkpoint } from '../db/open';
import { getSyncState, setLastSyncAt } from '../db/synced-items';
import { createBackoff } from './backoff';
import { pullChanges } from './pull';
import { pushPending } from './push';
import type { SyncTransport } from './transport';

export type SyncEngineOptions = {
  /** Pull every … (default 15 s: an emergency broadcast reaches the lobby within that; an empty pull is one small GET). */
  pullIntervalMs: number;
  /** Heartbeat every … (default 5 min). */
  heartbeatIntervalMs: number;
  /** Push retries: full-jitter exponential backoff from base to cap (defaults 1 s, 5 min). */
  backoffBaseMs: number;
  backoffCapMs: number;
  pullLimit: number;
  /** Answered outbox rows are kept this long for the screens, then pruned (default 7 days). */
  keepFinishedMs: number;
};

export const DEFAULT_SYNC_OPTIONS: SyncEngineOptions = {
  pullIntervalMs: 15_000,
  heartbeatIntervalMs: 5 * 60_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 5 * 60_000,
  pullLimit: 500,
  keepFinishedMs: 7 * 24 * 3_600_000,
};

export type SyncEngineDeps = {
  db: KioskDatabase;
  transport: SyncTransport;
  clock: Clock;
  /** Uniform in [0, 1), for the backoff's jitter. */
  random: () => number;
  version: string;
  logger?: Logger;
  /** Called after a pull erased residents: a session of one of them must end now. */
  onResidentsErased?: (residentIds: readonly string[]) => void;
  options?: Partial<SyncEngineOptions>;
};

export type SyncStatus = {
  /** Whether the last exchange with the hub got through. */
  online: boolean;
  lastSyncAt: string | null;
  /** `<push|pull|heartbeat>: <error code>` — never a message from elsewhere, never personal data. */
  lastError: string | null;
  pending: number;
  oldestPendingSeconds: number | null;
};

/** What a screen says about one write: waiting for the network, sent, or rejected with a reason. */
export type ItemStatus =
  | { status: 'waiting' }
  | { status: 'sent'; at: string }
  | { status: 'rejected'; at: string; reason: { code: string; message: string } };

export type SyncEngine = {
  start(): void;
  /** Stops every timer and waits for the exchange in flight, so the database can close. */
  stop(): Promise<void>;
  /** A write was recorded: send it now, unless the push is waiting out a backoff. */
  kick(): void;
  /** Sends what is pending now (joins a flush in flight). Never throws; see `status()`. */
  flush(): Promise<void>;
  /** Pulls now (joins a pull in flight). Never throws. */
  pull(): Promise<void>;
  heartbeat(): Promise<void>;
  status(): SyncStatus;
  /** Null for an id the kiosk does not know (never recorded, pruned, or erased). */
  itemStatus(id: string): ItemStatus | null;
};

type Task = 'push' | 'pull' | 'heartbeat';

function errorCode(err: unknown): string {
  return err instanceof KiotError ? err.code : 'internal';
}

/**
 * The kiosk's sync: pushes the outbox as soon as the hub is reachable and retries with
 * capped full-jitter backoff; pulls building data on a schedule; sends the heartbeat. Its
 * whole durable state is in the database (outbox rows, cursor), so a restart resumes
 * where the last run stopped.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, transport, clock } = deps;
  const options: SyncEngineOptions = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
  const logger = (deps.logger ?? silentLogger).child('sync');
  const backoff = createBackoff({ baseMs: options.backoffBaseMs, capMs: options.backoffCapMs, random: deps.random });
  const iso = (): string => new Date(clock.now()).toISOString();
  const startedAt = clock.now();

  let started = false;
  let stopped = false;
  let online = false;
  let lastError: string | null = null;
  let lastSyncAt: string | null = getSyncState(db).lastSyncAt;
  const timers: Record<Task, TimerHandle | null> = { push: null, pull: null, heartbeat: null };
  const inFlight: Record<Task, Promise<void> | null> = { push: null, pull: null, heartbeat: null };

  const arm = (task: Task, ms: number, run: () => Promise<void>): void => {
    const current = timers[task];
    if (current !== null) clock.clearTimeout(current);
    timers[task] = null;
    if (stopped || !started) return;
    timers[task] = clock.setTimeout(() => {
      timers[task] = null;
      void run();
    }, ms);
  };

  const succeeded = (exchanged: boolean): void => {
    online = true;
    if (!exchanged) return;
    lastError = null;
    lastSyncAt = iso();
    setLastSyncAt(db, lastSyncAt);
  };

  const failed = (task: Task, err: unknown): void => {
    const code = errorCode(err);
    if (code === 'hub_unavailable') online = false;
    lastError = `${task}: ${code}`;
    logger.warn(`sync ${task} failed`, { code });
  };

  const queued: Record<Task, Promise<void> | null> = { push: null, pull: null, heartbeat: null };

  /**
   * Runs one task of a kind at a time. A caller arriving while one runs gets the one run
   * queued after it: the running one may have read the outbox before the caller's write
   * committed, and must not swallow it. Any number of such callers share that one run.
   */
  const single = (task: Task, body: () => Promise<void>): Promise<void> => {
    const running = inFlight[task];
    if (running !== null) {
      queued[task] ??= running.then(() => {
        queued[task] = null;
        return stopped ? undefined : single(task, body);
      });
      return queued[task];
    }
    const promise = body()
      .catch((err: unknown) => {
        // A bug, not a hub failure (those are handled inside): logged, and the next tick tries again.
        logger.error(`sync ${task} failed unexpectedly`, { error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        inFlight[task] = null;
      });
    inFlight[task] = promise;
    return promise;
  };

  const flush = (): Promise<void> =>
    single('push', async () => {
      if (stopped) return;
      const retry = timers.push;
      if (retry !== null) clock.clearTimeout(retry);
      timers.push = null;
      try {
        const answered = await pushPending({
          db,
          transport,
          now: () => clock.now(),
          stopped: () => stopped,
          // Old page images in the WAL still hold the payloads the hub just acknowledged.
          afterBatch: () => checkpoint(db),
        });
        backoff.reset();
        succeeded(answered > 0);
      } catch (err) {
        failed('push', err);
        const wait = backoff.next();
        logger.info('sync push retry scheduled', { waitMs: wait, failures: backoff.failures });
        arm('push', wait, flush);
      }
    });

  /** The hub answered something else: if pushes are waiting out a backoff, try now. */
  const reachable = (): void => {
    if (timers.push !== null && getPendingStats(db).pending > 0) {
      backoff.reset();
      void flush();
    }
  };

  const pull = (): Promise<void> =>
    single('pull', async () => {
      if (stopped) return;
      try {
        await pullChanges({
          db,
          transport,
          now: () => clock.now(),
          limit: options.pullLimit,
          stopped: () => stopped,
          onResidentsErased: (ids) => {
            // Nothing of the erased residents may linger in old WAL page images either.
            checkpoint(db);
            logger.info('sync applied resident erasures', { count: ids.length });
            deps.onResidentsErased?.(ids);
          },
        });
        pruneFinishedOutboxRows(db, new Date(clock.now() - options.keepFinishedMs).toISOString());
        succeeded(true);
        reachable();
      } catch (err) {
        failed('pull', err);
      } finally {
        arm('pull', options.pullIntervalMs, pull);
      }
    });

  const status = (): SyncStatus => {
    const stats = getPendingStats(db);
    const oldest = stats.oldestCreatedAt === null ? null : Date.parse(stats.oldestCreatedAt);
    return {
      online,
      lastSyncAt,
      lastError,
      pending: stats.pending,
      oldestPendingSeconds: oldest === null ? null : Math.max(0, Math.floor((clock.now() - oldest) / 1000)),
    };
  };

  const heartbeat = (): Promise<void> =>
    single('heartbeat', async () => {
      if (stopped) return;
      try {
        const s = status();
        await transport.heartbeat({
          version: deps.version,
          uptimeSeconds: Math.max(0, Math.floor((clock.now() - startedAt) / 1000)),
          outboxDepth: s.pending,
          oldestPendingSeconds: s.oldestPendingSeconds,
          lastSyncAt: s.lastSyncAt,
          lastError: s.lastError,
        });
        succeeded(false);
        reachable();
      } catch (err) {
        failed('heartbeat', err);
      } finally {
        arm('heartbeat', options.heartbeatIntervalMs, heartbeat);
      }
    });

  return {
    start() {
      if (started || stopped) return;
      started = true;
      void flush();
      void pull();
      void heartbeat();
    },
    async stop() {
      stopped = true;
      for (const task of ['push', 'pull', 'heartbeat'] as const) {
        const timer = timers[task];
        if (timer !== null) clock.clearTimeout(timer);
        timers[task] = null;
      }
      await Promise.all(Object.values(inFlight).map((p) => p ?? Promise.resolve()));
    },
    kick() {
      if (!started || stopped || timers.push !== null) return;
      void flush();
    },
    flush,
    pull,
    heartbeat,
    status,
    itemStatus(id) {
      const item = getOutboxItem(db, id);
      if (item === null) return null;
      switch (item.status) {
        case 'pending':
          return { status: 'waiting' };
        case 'acknowledged':
          return { status: 'sent', at: item.finishedAt ?? item.createdAt };
        case 'rejected':
          return { status: 'rejected', at: item.finishedAt ?? item.createdAt, reason: item.error ?? { code: 'rejected', message: '' } };
        default:
          return assertNeverStatus(item.status);
      }
    },
  };
}

function assertNeverStatus(value: never): never {
  throw new Error(`Unexpected outbox status ${String(value)}`);
}
