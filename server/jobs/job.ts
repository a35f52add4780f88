/**
 * A job the hub runs on a schedule (inside each hub process) and that `npm run jobs -- --once`
 * runs once from the command line. A job finds its own due work and claims each item in the
 * database (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite's single writer in-process), so
 * several hub instances may run the same job at the same moment and each item is done once.
 */
export type JobReport = {
  /** Items the run carried out (erasures, exports, overdue notices…). */
  done: number;
  /** Items that failed this time and stay due for the next run. */
  failed: number;
};

export type HubJob = {
  /** kebab-case, unique: `erasure`, `exports`, `request-deadlines`. */
  name: string;
  /** How often the in-process scheduler runs it. */
  everySeconds: number;
  run(): Promise<JobReport>;
};
