/**
 * The in-process job scheduler: due checks by the injected clock, never two runs of one job
 * at once, a throwing job logged and counted (not thrown), timers unref'd and stopped.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/logger';
import { createLogger } from '../../../../shared/logger';
import type { HubJob, JobReport } from '../../../../server/jobs/job';
import { createJobScheduler } from '../../../../server/jobs/scheduler';
import type { TimerApi } from '../../../../server/jobs/scheduler';
import { createTestClock } from '../../../fixtures/test-clock';

function manualTimers(): TimerApi & { tick(): void; active: number; unrefed: boolean } {
  let fn: (() => void) | null = null;
  const api = {
    active: 0,
    unrefed: false,
    setInterval(callback: () => void) {
      fn = callback;
      api.active += 1;
      return { unref: () => void (api.unrefed = true) };
    },
    clearInterval() {
      fn = null;
      api.active -= 1;
    },
    tick() {
      fn?.();
    },
  };
  return api;
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

function countingJob(name: string, everySeconds: number, gate?: { promise: Promise<void> }): HubJob & { runs: number; active: number; maxActive: number } {
  const job = {
    name,
    everySeconds,
    runs: 0,
    active: 0,
    maxActive: 0,
    async run(): Promise<JobReport> {
      job.runs += 1;
      job.active += 1;
      job.maxActive = Math.max(job.maxActive, job.active);
      if (gate) await gate.promise;
      job.active -= 1;
      return { done: 1, failed: 0 };
    },
  };
  return job;
}

const quiet = createLogger('test', () => {});

describe('job scheduler', () => {
  it('runs a job when first ticked, then only once its interval has passed by the clock', async () => {
    const clock = createTestClock();
    const timers = manualTimers();
    const job = countingJob('erasure', 60);
    const scheduler = createJobScheduler({ jobs: [job], clock: clock.now, logger: quiet, timers });
    scheduler.start();
    timers.tick();
    await flush();
    expect(job.runs).toBe(1);
    clock.advance(59);
    timers.tick();
    await flush();
    expect(job.runs).toBe(1);
    clock.advance(1);
    timers.tick();
    await flush();
    expect(job.runs).toBe(2);
    await scheduler.stop();
  });

  it('never runs a job twice at once: a tick skips it, runAll waits for the run in progress', async () => {
    const clock = createTestClock();
    const timers = manualTimers();
    const gate = deferred();
    const job = countingJob('erasure', 1, gate);
    const scheduler = createJobScheduler({ jobs: [job], clock: clock.now, logger: quiet, timers });
    scheduler.start();
    timers.tick();
    clock.advance(10);
    timers.tick();
    const all = scheduler.runAll();
    await flush();
    expect(job.runs).toBe(1);
    gate.resolve();
    expect(await all).toEqual({ erasure: { done: 1, failed: 0 } });
    expect(job.runs).toBe(2);
    expect(job.maxActive).toBe(1);
    await scheduler.stop();
  });

  it('logs a job that throws and reports it as one failure; the other jobs still run', async () => {
    const lines: LogEntry[] = [];
    const logger = createLogger('jobs', (entry) => lines.push(entry));
    const broken: HubJob = {
      name: 'exports',
      everySeconds: 60,
      run: () => Promise.reject(new TypeError('boom with +84901234567')),
    };
    const fine = countingJob('erasure', 60);
    const scheduler = createJobScheduler({ jobs: [broken, fine], clock: createTestClock().now, logger });
    expect(await scheduler.runAll()).toEqual({ exports: { done: 0, failed: 1 }, erasure: { done: 1, failed: 0 } });
    const error = lines.find((l) => l.level === 'error');
    expect(error?.data).toEqual({ job: 'exports', error: 'TypeError' });
  });

  it('unrefs its timer, and stop() clears it and waits for the run in progress', async () => {
    const timers = manualTimers();
    const gate = deferred();
    const job = countingJob('erasure', 60, gate);
    const scheduler = createJobScheduler({ jobs: [job], clock: createTestClock().now, logger: quiet, timers });
    scheduler.start();
    scheduler.start();
    expect(timers.active).toBe(1);
    expect(timers.unrefed).toBe(true);
    timers.tick();
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await flush();
    expect(timers.active).toBe(0);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(job.active).toBe(0);
  });

  it('refuses two jobs with one name and a job without a positive interval', () => {
    const clock = createTestClock().now;
    expect(() => createJobScheduler({ jobs: [countingJob('a', 1), countingJob('a', 2)], clock, logger: quiet })).toThrow(/Two jobs/);
    expect(() => createJobScheduler({ jobs: [countingJob('a', 0)], clock, logger: quiet })).toThrow(/positive/);
  });
});
