/**
 * `npm test`: every check, in order, then one closing line that counts the tests:
 *   typecheck → lint → unit + integration (Vitest) → build → end-to-end (Playwright).
 * A failing step does not stop the later test steps (so one run shows everything), but the
 * exit code is non-zero if anything failed.
 */
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function run(step: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  process.stdout.write(`\n=== ${step}: ${[path.basename(cmd), ...args].join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => {
      if (code !== 0) failedSteps.push(step);
      resolve(code === 0);
    });
    child.on('error', (err) => {
      process.stdout.write(`${step}: could not start: ${err.message}\n`);
      failedSteps.push(step);
      resolve(false);
    });
  });
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

type VitestReport = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
type PlaywrightReport = { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };

async function main(): Promise<void> {
  await rm(results, { recursive: true, force: true });
  const only = process.argv.slice(2);
  const want = (s: string): boolean => only.length === 0 || only.includes(s);

  if (want('static')) {
    await run('typecheck (node side)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
    await run('typecheck (web side)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
    await run('lint', bin('eslint'), ['.', '--max-warnings=0']);
  }

  if (want('vitest')) {
    const vitestJson = path.join(results, 'vitest.json');
    await run('unit + integration', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
    const v = await readJson<VitestReport>(vitestJson);
    if (v) {
      total.passed += v.numPassedTests;
      total.failed += v.numFailedTests;
      total.skipped += v.numPendingTests + v.numTodoTests;
    } else if (!failedSteps.includes('unit + integration')) {
      failedSteps.push('unit + integration (no report)');
    }
  }

  if (want('e2e')) {
    const built = await run('build', 'npm', ['run', 'build']);
    if (built) {
      await run('end-to-end', bin('playwright'), ['test'], { KIOT_E2E_PREBUILT: '1' });
      const p = await readJson<PlaywrightReport>(path.join(results, 'e2e-report.json'));
      if (p) {
        total.passed += p.stats.expected + p.stats.flaky;
        total.failed += p.stats.unexpected;
        total.skipped += p.stats.skipped;
      } else {
        failedSteps.push('end-to-end (no report)');
      }
    }
  }

  process.stdout.write('\n');
  if (failedSteps.length > 0) process.stdout.write(`Failed steps: ${failedSteps.join(', ')}\n`);
  process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(failedSteps.length > 0 || total.failed > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stdout.write(`test runner crashed: ${String(err)}\n`);
  process.exit(1);
});
