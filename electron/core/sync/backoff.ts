export type BackoffOptions = {
  /** The first retry waits up to this long. */
  baseMs: number;
  /** No wait is ever longer than this. */
  capMs: number;
  /** Uniform in [0, 1); injected so tests can pin the jitter. */
  random: () => number;
};

export type Backoff = {
  /** The wait before the next try, after one more failure. */
  next(): number;
  /** After a success: the next failure starts from `baseMs` again. */
  reset(): void;
  readonly failures: number;
};

/**
 * Exponential backoff with full jitter: after the n-th failure in a row, wait a uniform
 * random time in [0, min(cap, base·2^(n-1))). Spreading retries over the whole window keeps a
 * building's kiosks from hammering the hub in step when it comes back. The wait is
 * never below 1 ms, so a retry is always a timer, never a tight loop.
 */
export function createBackoff(opts: BackoffOptions): Backoff {
  let failures = 0;
  return {
    next() {
      failures += 1;
      // 2^(failures-1) overflows nothing: the exponent stops growing once the cap is reached.
      const exponent = Math.min(failures - 1, 40);
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** exponent);
      return Math.max(1, Math.floor(opts.random() * ceiling));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
