/**
 * `npm run bench [-- --quick] [-- hub otp kiosk renderer ui memory sync residents console statement payments]`
 *
 * Prints one JSON object per metric and line on stdout — metric, value, unit, baseline
 * (measured in the same run), ratio, budget, ok — writes them all to bench/results.json and
 * ends with a one-line summary of budgets met and missed. Progress goes to stderr. Budgets
 * and the reasons for them: docs/performance.md. A missed budget is reported, not fatal;
 * the exit code is 1 only when a section could not run.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { benchHubAndOtp } from './hub';
import { benchKiosk } from './kiosk';
import { benchMemory } from './memory';
import { metricLine, parseArgs, summarize } from './report';
import type { BenchContext, Metric, Section } from './report';
import { benchRenderer, benchUi } from './ui';
import { benchSync } from './sync';
import { benchResidents } from './residents';
import { benchConsole } from './console';
import { benchStatement } from './statement';
import { benchPayments } from './payments';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = await mkdtemp(path.join(tmpdir(), 'kiot-bench-'));
  const metrics: Metric[] = [];
  const failed: Section[] = [];
  const ctx: BenchContext = {
    quick: args.quick,
    dir,
    emit: (m) => {
      metrics.push(m);
      process.stdout.write(`${metricLine(m)}\n`);
    },
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  const has = (s: Section): boolean => args.sections.includes(s);
  const started = performance.now();
  const run = async (sections: Section[], fn: () => Promise<void>): Promise<void> => {
    const t0 = performance.now();
    try {
      await fn();
    } catch (err) {
      // One broken section does not hide the others' figures.
      failed.push(...sections);
      ctx.log(`section ${sections.join('+')} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    ctx.log(`section ${sections.join('+')} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    if (has('hub') || has('otp')) await run(args.sections.filter((s) => s === 'hub' || s === 'otp'), () => benchHubAndOtp(ctx, { hub: has('hub'), otp: has('otp') }));
    if (has('kiosk')) await run(['kiosk'], () => benchKiosk(ctx));
    let rendererDir: string | null = null;
    if (has('renderer')) await run(['renderer'], async () => void (rendererDir = await benchRenderer(ctx)));
    if (has('ui')) await run(['ui'], () => benchUi(ctx, rendererDir));
    if (has('memory')) await run(['memory'], () => benchMemory(ctx));
    if (has('sync')) await run(['sync'], () => benchSync(ctx));
    if (has('residents')) await run(['residents'], () => benchResidents(ctx));
    if (has('console')) await run(['console'], () => benchConsole(ctx));
    if (has('statement')) await run(['statement'], () => benchStatement(ctx));
    if (has('payments')) await run(['payments'], () => benchPayments(ctx));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const summary = summarize(metrics, failed);
  const cpu = cpus();
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), platform: `${process.platform} ${process.arch}`, node: process.version },
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: args.quick,
    sections: args.sections,
    seconds: Math.round((performance.now() - started) / 1000),
    metrics,
    summary,
  };
  await mkdir(path.join(repoRoot, 'bench'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  ctx.log(`${results.seconds} s in all; results in bench/results.json`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
