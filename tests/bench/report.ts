/**
 * The pure parts of `npm run bench`: the shape of one result line, how its ratio and verdict
 * are worked out, the statistics, the closing summary and the command line. Unit-tested in
 * tests/unit/bench/report.test.ts; nothing here measures anything.
 */

/** One line of `npm run bench` output, and one entry of bench/results.json. */
export type Metric = {
  metric: string;
  value: number;
  unit: string;
  /** The comparison measured in the same run (bare Fastify, no encryption …), or null when none fits. */
  baseline: number | null;
  /** value / baseline, or null without a baseline. */
  ratio: number | null;
  /** The number the value must meet, or null when the metric has no budget. */
  budget: number | null;
  /** Budget met, or null without a budget. */
  ok: boolean | null;
};

/**
 * Which side of the budget is good. Throughputs have a floor (`atLeast`), times, sizes and
 * ratios a ceiling (`atMost`). The JSON line leaves the direction out; docs/performance.md states it.
 */
export type Budget = { atMost: number } | { atLeast: number } | null;

/** Keeps the lines readable: four significant digits are more than the noise allows. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Number(x.toPrecision(4));
}

export function makeMetric(input: { metric: string; value: number; unit: string; baseline?: number | null; budget?: Budget }): Metric {
  const baseline = input.baseline ?? null;
  const budget = input.budget ?? null;
  // A zero baseline gives no meaningful ratio (and would print Infinity, which is not JSON).
  const ratio = baseline === null || baseline === 0 ? null : round(input.value / baseline);
  let limit: number | null = null;
  let ok: boolean | null = null;
  if (budget !== null) {
    if ('atMost' in budget) {
      limit = budget.atMost;
      ok = input.value <= budget.atMost;
    } else {
      limit = budget.atLeast;
      ok = input.value >= budget.atLeast;
    }
  }
  return { metric: input.metric, value: round(input.value), unit: input.unit, baseline: baseline === null ? null : round(baseline), ratio, budget: limit, ok };
}

/** The JSON line printed for a metric, keys always in the same order. */
export function metricLine(m: Metric): string {
  return JSON.stringify({ metric: m.metric, value: m.value, unit: m.unit, baseline: m.baseline, ratio: m.ratio, budget: m.budget, ok: m.ok });
}

/** The middle sample; for an even count the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (q in 0..1): the smallest sample with at least q of the samples at or below it. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (q < 0 || q > 1) throw new RangeError(`percentile ${q} is outside 0..1`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** A JSON document of exactly `bytes` bytes (at least 12), so the wire cost matches the hub's answer. */
export function jsonBodyOfSize(bytes: number): string {
  const frame = '{"pad":""}';
  if (bytes < frame.length) throw new RangeError(`a body of ${bytes} bytes is too small`);
  return `{"pad":"${'x'.repeat(bytes - frame.length)}"}`;
}

/** The scripts index.html loads before anything is on screen: module entries and modulepreloads. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const m of indexHtml.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) found.add(m[1]!);
  for (const m of indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) found.add(m[1]!);
  return [...found];
}

export type Summary = { summary: string; met: number; missed: string[]; withoutBudget: number; failedSections: string[] };

/** The last line: how many budgets were met, which were missed, and any section that did not run to the end. */
export function summarize(metrics: readonly Metric[], failedSections: readonly string[] = []): Summary {
  const withBudget = metrics.filter((m) => m.ok !== null);
  const missed = withBudget.filter((m) => m.ok === false).map((m) => m.metric);
  const met = withBudget.length - missed.length;
  const parts = [`budgets met ${met} of ${withBudget.length}`];
  parts.push(missed.length === 0 ? 'none missed' : `missed: ${missed.join(', ')}`);
  if (failedSections.length > 0) parts.push(`sections that failed: ${failedSections.join(', ')}`);
  return { summary: parts.join('; '), met, missed, withoutBudget: metrics.length - withBudget.length, failedSections: [...failedSections] };
}

export const SECTIONS = ['hub', 'otp', 'kiosk', 'renderer', 'ui', 'memory', 'sync', 'residents', 'console', 'statement', 'payments'] as const;
export type Section = (typeof SECTIONS)[number];

export type BenchArgs = { quick: boolean; sections: Section[] };

/** `npm run bench -- --quick hub ui`: flags and section names in any order; no name runs every section. */
export function parseArgs(args: readonly string[]): BenchArgs {
  let quick = false;
  const named: Section[] = [];
  const unknown: string[] = [];
  for (const arg of args) {
    if (arg === '--quick') quick = true;
    else if ((SECTIONS as readonly string[]).includes(arg)) {
      if (!named.includes(arg as Section)) named.push(arg as Section);
    } else unknown.push(arg);
  }
  if (unknown.length > 0) throw new Error(`unknown bench argument ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')}; flag: --quick)`);
  // Always in the documented order, whatever order they were named in.
  return { quick, sections: named.length === 0 ? [...SECTIONS] : SECTIONS.filter((s) => named.includes(s)) };
}

/** What every section gets from the harness: where to put files, how long to run, where results go. */
export type BenchContext = {
  quick: boolean;
  /** A temporary folder, removed after the run. */
  dir: string;
  emit: (metric: Metric) => void;
  /** Progress and notes, on stderr so stdout stays one JSON object per line. */
  log: (line: string) => void;
};
