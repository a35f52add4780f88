/** Timing helper shared by the benchmark sections (statistics live in report.ts). */

export async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}
