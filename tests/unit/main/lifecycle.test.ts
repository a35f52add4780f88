import type { PowerMonitor } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { LockReason, SessionView } from '../../../shared/contract';
import { createLogger, silentLogger } from '../../../shared/logger';
import type { LogEntry } from '../../../shared/logger';
import {
  RELAUNCH_ARG,
  clearRendererStorage,
  createCrashRecovery,
  createLockWatcher,
  defaultCrashPolicy,
  parseRelaunchGeneration,
  relaunchArgs,
  relaunchDelayMs,
  wireLockTriggers,
} from '../../../electron/main/lifecycle';
import { FakePowerMonitor, FakeSession } from './electron-fake';

describe('wireLockTriggers', () => {
  it('locks on system suspend and on OS screen lock', async () => {
    const power = new FakePowerMonitor();
    const lock = vi.fn(async (_reason: LockReason) => {});
    const off = wireLockTriggers(power as unknown as PowerMonitor, lock, silentLogger);
    power.emit('suspend');
    power.emit('lock-screen');
    expect(lock.mock.calls).toEqual([['suspend'], ['suspend']]);
    power.emit('resume');
    power.emit('unlock-screen');
    expect(lock).toHaveBeenCalledTimes(2);
    off();
    power.emit('suspend');
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('survives a failing lock: the failure is logged, never left as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const power = new FakePowerMonitor();
      const lock = vi.fn(async () => Promise.reject(new Error('db closed')));
      const logs: LogEntry[] = [];
      wireLockTriggers(power as unknown as PowerMonitor, lock, createLogger('test', (entry) => logs.push(entry)));
      expect(() => power.emit('suspend')).not.toThrow();
      expect(() => power.emit('lock-screen')).not.toThrow();
      // Node reports unhandled rejections after the microtask queue drains; a macrotask later is enough.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(logs.filter((e) => e.level === 'error').map((e) => [e.msg, e.data])).toEqual([
        ['lock on suspend failed', { error: 'Error: db closed' }],
        ['lock on lock-screen failed', { error: 'Error: db closed' }],
      ]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

function recoveryHarness(opts: { generation?: number; shuttingDown?: boolean } = {}) {
  let now = 1_000_000;
  const order: string[] = [];
  const deps = {
    lock: vi.fn(async (reason: LockReason) => void order.push(`lock:${reason}`)),
    reload: vi.fn(() => void order.push('reload')),
    killRenderer: vi.fn(() => void order.push('kill')),
    relaunch: vi.fn((delayMs: number, generation: number) => void order.push(`relaunch:${delayMs}:${generation}`)),
    now: () => now,
    isShuttingDown: () => opts.shuttingDown ?? false,
    logger: silentLogger,
    generation: opts.generation ?? 0,
  };
  const recovery = createCrashRecovery(deps);
  return { recovery, deps, order, advance: (ms: number) => void (now += ms) };
}

describe('createCrashRecovery', () => {
  it('a renderer crash locks first, then reloads', async () => {
    const { recovery, order } = recoveryHarness();
    await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(order).toEqual(['lock:crash', 'reload']);
  });

  it('repeated crashes relaunch the process with backoff', async () => {
    const { recovery, deps, order } = recoveryHarness({ generation: 2 });
    for (let i = 0; i < defaultCrashPolicy.maxReloads; i += 1) await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(deps.reload).toHaveBeenCalledTimes(defaultCrashPolicy.maxReloads);
    await recovery.onRenderProcessGone({ reason: 'oom', exitCode: 1 });
    expect(deps.relaunch).toHaveBeenCalledExactlyOnceWith(relaunchDelayMs(2), 3);
    expect(order.at(-2)).toBe('lock:crash');
    // Once relaunching, further failures only lock.
    await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(deps.relaunch).toHaveBeenCalledTimes(1);
    expect(deps.reload).toHaveBeenCalledTimes(defaultCrashPolicy.maxReloads);
  });

  it('crashes spread out in time keep being answered by reloads', async () => {
    const { recovery, deps, advance } = recoveryHarness();
    for (let i = 0; i < 10; i += 1) {
      await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 1 });
      advance(defaultCrashPolicy.windowMs);
    }
    expect(deps.reload).toHaveBeenCalledTimes(10);
    expect(deps.relaunch).not.toHaveBeenCalled();
  });

  it('a hang locks, kills the renderer and reloads; the kill that follows is not counted again', async () => {
    const { recovery, deps, order } = recoveryHarness();
    await recovery.onUnresponsive();
    expect(order).toEqual(['lock:crash', 'kill', 'reload']);
    await recovery.onRenderProcessGone({ reason: 'killed', exitCode: 0 });
    expect(deps.reload).toHaveBeenCalledTimes(1);
    expect(deps.lock).toHaveBeenCalledTimes(1);
  });

  it('still reloads when the lock fails', async () => {
    const { recovery, deps } = recoveryHarness();
    deps.lock.mockRejectedValueOnce(new Error('db gone'));
    await recovery.onRenderProcessGone({ reason: 'crashed', exitCode: 1 });
    expect(deps.reload).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the app is shutting down', async () => {
    const { recovery, order } = recoveryHarness({ shuttingDown: true });
    await recovery.onRenderProcessGone({ reason: 'clean-exit', exitCode: 0 });
    await recovery.onUnresponsive();
    expect(order).toEqual([]);
  });
});

describe('relaunch bookkeeping', () => {
  const now = 1_700_000_000_000;

  it('carries the generation on the command line, replacing an older one', () => {
    const args = relaunchArgs(['/usr/bin/electron', 'dist/main/index.cjs', `${RELAUNCH_ARG}1:${now - 5}`], 2, now);
    expect(args).toEqual(['dist/main/index.cjs', `${RELAUNCH_ARG}2:${now}`]);
    expect(parseRelaunchGeneration(['x', ...args], now + 1000)).toBe(2);
  });

  it('forgets old, missing or malformed generations', () => {
    expect(parseRelaunchGeneration(['x'], now)).toBe(0);
    expect(parseRelaunchGeneration(['x', `${RELAUNCH_ARG}3:${now - defaultCrashPolicy.generationResetMs - 1}`], now)).toBe(0);
    expect(parseRelaunchGeneration(['x', `${RELAUNCH_ARG}3:${now + 60_000}`], now)).toBe(0);
    expect(parseRelaunchGeneration(['x', `${RELAUNCH_ARG}lots`], now)).toBe(0);
  });

  it('backs off exponentially up to a cap', () => {
    expect(relaunchDelayMs(0)).toBe(defaultCrashPolicy.baseDelayMs);
    expect(relaunchDelayMs(1)).toBe(defaultCrashPolicy.baseDelayMs * 2);
    expect(relaunchDelayMs(3)).toBe(defaultCrashPolicy.baseDelayMs * 8);
    expect(relaunchDelayMs(50)).toBe(defaultCrashPolicy.maxDelayMs);
  });
});

describe('createLockWatcher', () => {
  const view = (lastLock: SessionView['lastLock']): SessionView => ({ state: 'attract', countdown: null, maskedPhone: null, resident: null, lastLock });

  it('wipes renderer storage once per new lock', async () => {
    const wipe = vi.fn(async () => {});
    const watch = createLockWatcher(wipe, silentLogger);
    watch('session:changed', view(null));
    expect(wipe).not.toHaveBeenCalled();
    const first = { reason: 'idle' as const, at: '2025-01-01T00:00:00.000Z' };
    watch('session:changed', view(first));
    watch('session:changed', { ...view(first), state: 'phone' });
    expect(wipe).toHaveBeenCalledTimes(1);
    watch('session:changed', view({ reason: 'suspend', at: '2025-01-01T00:05:00.000Z' }));
    expect(wipe).toHaveBeenCalledTimes(2);
  });

  it('clearRendererStorage clears storage and the HTTP cache', async () => {
    const session = new FakeSession();
    await clearRendererStorage(session);
    expect([session.storageCleared, session.cacheCleared]).toEqual([1, 1]);
  });
});
