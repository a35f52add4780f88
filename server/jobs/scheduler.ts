/**
 * Runs the hub's jobs inside the hub process. A timer ticks (unref'd: it never keeps a
 * process alive); on each tick every job whose interval has passed by the injected clock
 * runs. A job never runs twice at once in one process: a tick that finds it running skips
 * it, and `runAll` waits for the run in progress before starting its own. A job that throws
 * is logged and counted as one failure; the scheduler keeps going.
 *
 * Across processes the jobs themselves make each item happen once (they claim rows with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several hubs may run the same schedule.
 */
import type { Logger } from '../../shared/logger';
import type { HubJob, JobReport } from './job';

export type TimerApi = {
  setInterval(fn: () => void, ms: number): { unref?(): unknown };
  clearInterval(handle: { unref?(): unknown }): void;
};

export type SchedulerDeps = {
  jobs: readonly HubJob[];
  clock: () => Date;
  logger: Logger;
  /** How often due jobs are looked for; 1 s by default. */
  tickMs?: number;
  /** Tests pass their own timers; by default Node's. */
  timers?: TimerApi;
};

export type JobScheduler = {
  /** Starts ticking; a second call does nothing. */
  start(): void;
  /** Stops ticking and waits for the runs in progress. */
  stop(): Promise<void>;
  /** Runs every job whose interval has passed (what a tick does); resolves with their reports. */
  runDue(): Promise<Record<string, JobReport>>;
  /** Runs every job once now, whatever its schedule (the command line, tests, the dev route). */
  runAll(): Promise<Record<string, JobReport>>;
};

const nodeTimers: TimerApi = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function createJobScheduler(deps: SchedulerDeps): JobScheduler {
  const { jobs, clock, logger } = deps;
  const timers = deps.timers ?? nodeTimers;
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`Two jobs are named ${job.name}`);
    if (!(job.everySeconds > 0)) throw new Error(`Job ${job.name} needs a positive interval`);
    names.add(job.name);
  }
  const lastStart = new Map<string, number>();
  const running = new Map<string, Promise<JobReport>>();
  let timer: { unref?(): unknown } | null = null;

  function runJob(job: HubJob): Promise<JobReport> {
    lastStart.set(job.name, clock().getTime());
    const run = (async (): Promise<JobReport> => {
      try {
        const report = await job.run();
        if (report.done > 0 || report.failed > 0) logger.info('Job ran', { job: job.name, done: report.done, failed: report.failed });
        return report;
      } catch (err) {
        logger.error('Job failed', { job: job.name, error: err instanceof Error ? err.name : 'unknown' });
        return { done: 0, failed: 1 };
      } finally {
        running.delete(job.name);
      }
    })();
    running.set(job.name, run);
    return run;
  }

  function isDue(job: HubJob): boolean {
    const last = lastStart.get(job.name);
    return last === undefined || clock().getTime() - last >= job.everySeconds * 1000;
  }

  async function collect(entries: [string, Promise<JobReport>][]): Promise<Record<string, JobReport>> {
    const reports = await Promise.all(entries.map(async ([name, run]) => [name, await run] as const));
    return Object.fromEntries(reports);
  }

  function runDue(): Promise<Record<string, JobReport>> {
    return collect(jobs.filter((job) => !running.has(job.name) && isDue(job)).map((job) => [job.name, runJob(job)]));
  }

  return {
    start() {
      if (timer !== null) return;
      timer = timers.setInterval(() => {
        void runDue();
      }, deps.tickMs ?? 1000);
      timer.unref?.();
    },
    async stop() {
      if (timer !== null) timers.clearInterval(timer);
      timer = null;
      await Promise.all(running.values());
    },
    runDue,
    runAll() {
      return collect(
        jobs.map((job) => {
          const inProgress = running.get(job.name);
          // Wait for the current run, then start a fresh one: never two at once.
          const run = inProgress ? inProgress.then(() => running.get(job.name) ?? runJob(job)) : runJob(job);
          return [job.name, run];
        }),
      );
    },
  };
}
