/**
 * When the kiosk must lock by itself: system suspend / screen lock, renderer crash or hang.
 * Also the renderer-storage wipe that follows every lock. Pure wiring over injected objects.
 */
import type { PowerMonitor, RenderProcessGoneDetails } from 'electron';
import type { EventName } from '../../shared/channels';
import type { LockReason, SessionView } from '../../shared/contract';
import type { Logger } from '../../shared/logger';

type Lock = (reason: LockReason) => Promise<void>;

/** Locks on system suspend and on OS screen lock. Returns a function that unwires. */
export function wireLockTriggers(powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>, lock: Lock, logger: Logger): () => void {
  const onSuspend = (): void => {
    logger.info('system suspend: locking');
    void lock('suspend').catch((err: unknown) => logger.error('lock on suspend failed', { error: String(err) }));
  };
  const onLockScreen = (): void => {
    logger.info('screen locked: locking');
    void lock('suspend').catch((err: unknown) => logger.error('lock on lock-screen failed', { error: String(err) }));
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onLockScreen);
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('lock-screen', onLockScreen);
  };
}

// ---------------------------------------------------------------------------------------------
// Crash and hang recovery

export const RELAUNCH_ARG = '--kiot-relaunch=';

export type CrashPolicy = {
  /** Crashes are counted over this sliding window. */
  windowMs: number;
  /** Up to this many crashes inside the window are answered by a reload; one more relaunches. */
  maxReloads: number;
  /** Relaunch delay: baseDelayMs × 2^generation, capped. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A relaunch older than this no longer counts towards the backoff. */
  generationResetMs: number;
};

export const defaultCrashPolicy: CrashPolicy = {
  windowMs: 60_000,
  maxReloads: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  generationResetMs: 15 * 60_000,
};

/** The relaunch generation carried across process restarts on the command line. */
export function parseRelaunchGeneration(argv: readonly string[], now: number, policy: CrashPolicy = defaultCrashPolicy): number {
  const arg = argv.find((a) => a.startsWith(RELAUNCH_ARG));
  if (!arg) return 0;
  const match = /^(\d{1,3}):(\d{1,16})$/.exec(arg.slice(RELAUNCH_ARG.length));
  if (!match) return 0;
  const generation = Number(match[1]);
  const at = Number(match[2]);
  if (!(now - at >= 0 && now - at <= policy.generationResetMs)) return 0;
  return generation;
}

export function relaunchArgs(argv: readonly string[], generation: number, now: number): string[] {
  return [...argv.slice(1).filter((a) => !a.startsWith(RELAUNCH_ARG)), `${RELAUNCH_ARG}${generation}:${now}`];
}

export function relaunchDelayMs(generation: number, policy: CrashPolicy = defaultCrashPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.min(generation, 20), policy.maxDelayMs);
}

export type CrashRecoveryDeps = {
  lock: Lock;
  /** Load the app entry again in the existing window. */
  reload: () => void;
  /** Kill a hung renderer (the 'render-process-gone' that follows is expected). */
  killRenderer: () => void;
  /** Restart the whole process after `delayMs`, passing `generation` on. */
  relaunch: (delayMs: number, generation: number) => void;
  now: () => number;
  /** The app is quitting or the window is gone: a dying renderer is not a crash. */
  isShuttingDown: () => boolean;
  logger: Logger;
  /** Relaunch generation this process was started with. */
  generation?: number;
  policy?: CrashPolicy;
};

export type CrashRecovery = {
  onRenderProcessGone(details: Pick<RenderProcessGoneDetails, 'reason' | 'exitCode'>): Promise<void>;
  onUnresponsive(): Promise<void>;
};

/**
 * A crash locks the session (the resident's data must not survive into whatever comes next),
 * then reloads. A renderer that keeps crashing is given a fresh process instead, with an
 * exponential delay across relaunches so a broken build does not spin.
 */
export function createCrashRecovery(deps: CrashRecoveryDeps): CrashRecovery {
  const policy = deps.policy ?? defaultCrashPolicy;
  const generation = deps.generation ?? 0;
  let crashes: number[] = [];
  let expectingKill = false;
  let relaunching = false;

  const safeLock = async (): Promise<void> => {
    try {
      await deps.lock('crash');
    } catch (err) {
      deps.logger.error('lock after renderer failure failed', { error: String(err) });
    }
  };

  const recover = (why: string): void => {
    if (relaunching) return;
    const now = deps.now();
    crashes = crashes.filter((t) => now - t < policy.windowMs);
    crashes.push(now);
    if (crashes.length <= policy.maxReloads) {
      deps.logger.warn('renderer failed: reloading', { why, recent: crashes.length });
      deps.reload();
      return;
    }
    relaunching = true;
    const delay = relaunchDelayMs(generation, policy);
    deps.logger.error('renderer keeps failing: relaunching', { why, recent: crashes.length, delayMs: delay, generation });
    deps.relaunch(delay, generation + 1);
  };

  return {
    async onRenderProcessGone(details) {
      if (deps.isShuttingDown()) return;
      if (expectingKill && details.reason === 'killed') {
        // We killed it ourselves after a hang, and have already locked and reloaded.
        expectingKill = false;
        return;
      }
      await safeLock();
      recover(`render-process-gone:${details.reason}`);
    },
    async onUnresponsive() {
      if (deps.isShuttingDown()) return;
      await safeLock();
      expectingKill = true;
      deps.killRenderer();
      recover('unresponsive');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Renderer storage wipe

/**
 * Calls `wipe` once for each new `lastLock` seen on `session:changed`. The renderer wipes its
 * own state too; this also clears what it cannot (HTTP cache, service workers, IndexedDB).
 */
export function createLockWatcher(wipe: () => Promise<void>, logger: Logger): (event: EventName, payload: unknown) => void {
  let lastSeen: string | null = null;
  return (event, payload) => {
    // A staff lock or sign-out in the console wipes the renderer's storage as a resident's does.
    if (event !== 'session:changed' && event !== 'staff:changed') return;
    const lastLock = (payload as Partial<SessionView> | null)?.lastLock;
    if (!lastLock) return;
    const key = `${lastLock.reason}@${lastLock.at}`;
    if (key === lastSeen) return;
    lastSeen = key;
    void wipe().catch((err: unknown) => logger.error('clearing renderer storage failed', { error: String(err) }));
  };
}

/** Everything Chromium keeps for the app origin. */
export async function clearRendererStorage(session: {
  clearStorageData(): Promise<void>;
  clearCache(): Promise<void>;
}): Promise<void> {
  await session.clearStorageData();
  await session.clearCache();
}
