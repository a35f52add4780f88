/** Timing helpers shared by the benchmark sections. */

export function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

export function stats(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `n=${samples.length} p50=${at(0.5).toFixed(2)}ms p95=${at(0.95).toFixed(2)}ms max=${sorted.at(-1)!.toFixed(2)}ms`;
}

export async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/** `budget ≤ 2000ms: met (median 812.40ms)`: the median is what is held to the budget. */
export function budget(samples: readonly number[], maxMs: number): string {
  const m = median(samples);
  return `budget ≤ ${maxMs}ms: ${m <= maxMs ? 'met' : 'NOT met'} (median ${m.toFixed(2)}ms)`;
}
