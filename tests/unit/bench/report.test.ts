import { describe, expect, it } from 'vitest';
import { initialScripts, jsonBodyOfSize, makeMetric, median, metricLine, parseArgs, percentile, round, SECTIONS, summarize } from '../../bench/report';

describe('one bench result line', () => {
  it('has exactly the seven documented keys, in order, and parses back', () => {
    const line = metricLine(makeMetric({ metric: 'hub.bills.sqlite.req_per_s', value: 2412.3, unit: 'req/s', baseline: 5800, budget: { atLeast: 2000 } }));
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['metric', 'value', 'unit', 'baseline', 'ratio', 'budget', 'ok']);
    expect(parsed).toEqual({ metric: 'hub.bills.sqlite.req_per_s', value: 2412, unit: 'req/s', baseline: 5800, ratio: 0.4159, budget: 2000, ok: true });
  });

  it('ratio is value / baseline, null without a baseline or with a zero one', () => {
    expect(makeMetric({ metric: 'm', value: 30, unit: 'ms', baseline: 20 }).ratio).toBe(1.5);
    expect(makeMetric({ metric: 'm', value: 30, unit: 'ms' }).ratio).toBeNull();
    expect(makeMetric({ metric: 'm', value: 30, unit: 'ms', baseline: 0 }).ratio).toBeNull();
    // Never Infinity or NaN: those are not JSON.
    expect(metricLine(makeMetric({ metric: 'm', value: 30, unit: 'ms', baseline: 0 }))).toContain('"ratio":null');
  });

  it('a ceiling is met at or below it, a floor at or above it, and no budget gives ok null', () => {
    expect(makeMetric({ metric: 'p99', value: 25, unit: 'ms', budget: { atMost: 25 } })).toMatchObject({ budget: 25, ok: true });
    expect(makeMetric({ metric: 'p99', value: 25.01, unit: 'ms', budget: { atMost: 25 } })).toMatchObject({ budget: 25, ok: false });
    expect(makeMetric({ metric: 'rps', value: 2000, unit: 'req/s', budget: { atLeast: 2000 } })).toMatchObject({ budget: 2000, ok: true });
    expect(makeMetric({ metric: 'rps', value: 1999.9, unit: 'req/s', budget: { atLeast: 2000 } })).toMatchObject({ budget: 2000, ok: false });
    expect(makeMetric({ metric: 'size', value: 12, unit: 'KB', budget: null })).toMatchObject({ budget: null, ok: null });
  });

  it('judges the budget on the unrounded value', () => {
    // 25.004 prints as 25 but is over a 25 ms ceiling.
    expect(makeMetric({ metric: 'p99', value: 25.004, unit: 'ms', budget: { atMost: 25 } })).toMatchObject({ value: 25, ok: false });
  });

  it('rounds to four significant digits', () => {
    expect(round(0.000123456)).toBe(0.0001235);
    expect(round(123456)).toBe(123500);
    expect(round(1.5)).toBe(1.5);
  });
});

describe('statistics', () => {
  it('median: the middle sample, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it('median does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('percentile is nearest-rank', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    // Twenty taps: p95 is the 19th, so one slow outlier of twenty does not decide it.
    expect(percentile([...Array.from({ length: 19 }, () => 10), 500], 0.95)).toBe(10);
    expect(() => percentile([], 0.5)).toThrow(RangeError);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
});

describe('the summary line', () => {
  it('counts budgets met, names the missed ones and sections that failed', () => {
    const metrics = [
      makeMetric({ metric: 'a', value: 1, unit: 'ms', budget: { atMost: 2 } }),
      makeMetric({ metric: 'b', value: 3, unit: 'ms', budget: { atMost: 2 } }),
      makeMetric({ metric: 'c', value: 3, unit: 'ms' }),
    ];
    expect(summarize(metrics)).toEqual({ summary: 'budgets met 1 of 2; missed: b', met: 1, missed: ['b'], withoutBudget: 1, failedSections: [] });
    expect(summarize(metrics.slice(0, 1), ['ui']).summary).toBe('budgets met 1 of 1; none missed; sections that failed: ui');
  });
});

describe('the command line', () => {
  it('runs every section by default, in the documented order', () => {
    expect(parseArgs([])).toEqual({ quick: false, sections: [...SECTIONS] });
  });

  it('takes --quick and section names in any order', () => {
    expect(parseArgs(['ui', '--quick', 'hub', 'ui'])).toEqual({ quick: true, sections: ['hub', 'ui'] });
  });

  it('refuses an unknown word rather than silently running everything', () => {
    expect(() => parseArgs(['hubb'])).toThrow(/unknown bench argument hubb/);
  });
});

describe('fixtures the baselines rely on', () => {
  it('the bare server body has exactly the requested size and is JSON', () => {
    for (const bytes of [10, 11, 34563]) {
      const body = jsonBodyOfSize(bytes);
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(() => JSON.parse(body) as unknown).not.toThrow();
    }
    expect(() => jsonBodyOfSize(9)).toThrow(RangeError);
  });

  it('the initial scripts are the module entry and its modulepreloads, not lazy chunks', () => {
    const html = `<script type="module" crossorigin src="./assets/index-abc.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/vendor-def.js">
      <link rel="stylesheet" href="./assets/index.css">`;
    expect(initialScripts(html)).toEqual(['./assets/index-abc.js', './assets/vendor-def.js']);
  });
});
