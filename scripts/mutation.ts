/**
 * `npm run test:mutation`: StrykerJS on the security- and privacy-critical modules, one group
 * at a time (MODULES below), then a compact summary: the score per module and every surviving or
 * uncovered mutant as `file:line:column mutator → replacement`, the list docs/testing.md keeps.
 *
 * Each group runs only the test files that target it (KIOT_MUTATION_TESTS, read by
 * vitest.mutation.config.ts; not Stryker's `--testFiles`, which makes every mutant in
 * module-level code survive, stryker-js issue 6144), and within
 * those only the files that import the module (`vitest.related`) and, per mutant, only the tests
 * that ran its code (`coverageAnalysis: 'perTest'`). Without that narrowing a module every test
 * imports (the log redactor) runs all 500 tests for each of its table-building mutants.
 *
 *   npm run test:mutation                                    every group (hours on two cores)
 *   npm run test:mutation -- --mutate server/services/otp.ts  one file, with its group's tests
 *   npm run test:mutation -- --mutate server/crypto.ts --concurrency 2
 *   npm run test:mutation -- --summary [report.json]          summary of an earlier report
 *
 * Other arguments go to `stryker run` unchanged; `--testFiles <globs>` replaces the group's tests.
 * Reports: reports/mutation/<group>.html and .json. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportDir = path.join(root, 'reports', 'mutation');
const strykerReport = path.join(reportDir, 'mutation.json');

type Group = { name: string; mutate: readonly string[]; tests: readonly string[] };

// The hub's services are exercised through the real hub over HTTP as well as directly.
const hubTests = ['tests/unit/server/**/*.test.ts', 'tests/integration/hub/**/*.test.ts', 'tests/integration/server/**/*.test.ts'];
const coreTests = ['tests/unit/core/**/*.test.ts', 'tests/integration/core/**/*.test.ts'];

/** The modules issue 12 names, grouped with the tests that are meant to guard them. */
export const MODULES: readonly Group[] = [
  { name: 'otp', mutate: ['server/services/otp.ts', 'server/db/otp.ts'], tests: hubTests },
  { name: 'sessions', mutate: ['server/services/sessions.ts', 'server/db/sessions.ts'], tests: hubTests },
  { name: 'device-auth', mutate: ['server/services/devices.ts', 'server/http/authenticate.ts'], tests: hubTests },
  { name: 'crypto', mutate: ['server/crypto.ts'], tests: hubTests },
  {
    name: 'keystores',
    mutate: ['electron/core/platform/keystore/*.ts'],
    tests: ['tests/unit/core/platform/keystore/**/*.test.ts', 'tests/unit/main/**/*.test.ts', 'tests/integration/core/**/*.test.ts'],
  },
  { name: 'db-open-wipe', mutate: ['electron/core/db/open.ts', 'electron/core/db/session-cache.ts'], tests: coreTests },
  { name: 'ipc-guards', mutate: ['electron/main/ipc.ts', 'electron/main/guards.ts'], tests: ['tests/unit/main/**/*.test.ts'] },
  {
    name: 'protocol-csp',
    mutate: ['electron/main/protocol.ts', 'electron/core/platform/static-files.ts'],
    tests: ['tests/unit/main/**/*.test.ts', 'tests/unit/core/platform/static-files*.test.ts', 'tests/integration/dev/web-host/**/*.test.ts'],
  },
  { name: 'resident-session', mutate: ['electron/core/session/resident-session.ts'], tests: coreTests },
  // Landed after the first runs: the audit chain, consents, erasure and payment matching.
  { name: 'audit', mutate: ['server/services/audit.ts'], tests: hubTests },
  { name: 'consents', mutate: ['server/services/consents.ts'], tests: hubTests },
  { name: 'erasure', mutate: ['server/services/erasure.ts', 'server/db/erasure.ts'], tests: hubTests },
  { name: 'payments', mutate: ['server/services/payments.ts'], tests: hubTests },
  {
    name: 'redact',
    mutate: ['shared/redact.ts'],
    tests: ['tests/unit/shared/**/*.test.ts', 'tests/unit/server/log.test.ts', 'tests/unit/core/platform/log.test.ts', 'tests/unit/main/log-file.test.ts'],
  },
];

// The parts of the mutation-testing-report-schema JSON that the summary reads.
type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
type Mutant = {
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  location: { start: { line: number; column: number } };
};
type Report = { files: Record<string, { mutants: Mutant[] }> };

type Score = { killed: number; survived: number; noCoverage: number; timeout: number; errors: number };

function score(mutants: readonly Mutant[]): Score {
  const s: Score = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, errors: 0 };
  for (const m of mutants) {
    switch (m.status) {
      case 'Killed':
        s.killed += 1;
        break;
      case 'Timeout':
        s.timeout += 1;
        break;
      case 'Survived':
        s.survived += 1;
        break;
      case 'NoCoverage':
        s.noCoverage += 1;
        break;
      case 'CompileError':
      case 'RuntimeError':
        s.errors += 1;
        break;
      case 'Ignored':
      case 'Pending':
        break;
    }
  }
  return s;
}

/** Stryker's mutation score: detected (killed or timed out) over all valid mutants. */
function percent(s: Score): string {
  const valid = s.killed + s.timeout + s.survived + s.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (s.killed + s.timeout)) / valid).toFixed(1)} %`;
}

function oneLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

async function summarize(reportPath: string): Promise<void> {
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
  const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
  const out: string[] = ['', `Mutation score per module (${path.relative(root, reportPath)})`, ''];
  out.push('| Module | Score | Killed | Timeout | Survived | No coverage |', '|---|---|---|---|---|---|');
  for (const [file, { mutants }] of files) {
    const s = score(mutants);
    out.push(`| ${file} | ${percent(s)} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} |`);
  }
  out.push('', 'Surviving and uncovered mutants:');
  for (const [file, { mutants }] of files) {
    const left = mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of left) {
      const tag = m.status === 'NoCoverage' ? ' (no test runs it)' : '';
      out.push(`- ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → \`${oneLine(m.replacement)}\`${tag}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function runStryker(args: readonly string[], tests: readonly string[] | null): Promise<number> {
  const bin = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'run', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, KIOT_MUTATION_TESTS: tests === null ? '' : tests.join(',') },
    });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', (err) => {
      process.stderr.write(`stryker could not start: ${err.message}\n`);
      resolve(1);
    });
  });
}

/** The value of `--name value` or `--name=value`, and the arguments without it. */
function takeOption(args: readonly string[], ...names: string[]): { value: string | null; rest: string[] } {
  const rest: string[] = [];
  let value: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (names.includes(name)) {
      value = eq === -1 ? (args[i + 1] ?? '') : arg.slice(eq + 1);
      if (eq === -1) i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { value, rest };
}

/** The groups a requested file (or glob) belongs to: a listed file, or one a listed glob covers. */
function groupsFor(requested: readonly string[]): Group[] {
  const covers = (pattern: string, file: string): boolean => path.matchesGlob(file, pattern) || pattern === file;
  // A mutation range (`file.ts:10-20`) belongs to the file's group.
  const files = requested.map((r) => r.replace(/:\d[\d:-]*$/, ''));
  return MODULES.filter((g) => files.some((r) => g.mutate.some((m) => covers(m, r) || covers(r, m))));
}

async function runGroup(name: string, mutate: readonly string[], tests: readonly string[] | null, extra: readonly string[]): Promise<number> {
  process.stdout.write(`\n=== mutation: ${name} (${mutate.join(', ')})\n`);
  const code = await runStryker(['--mutate', mutate.join(','), ...extra], tests);
  if (code !== 0) return code;
  await copyFile(strykerReport, path.join(reportDir, `${name}.json`));
  await copyFile(path.join(reportDir, 'mutation.html'), path.join(reportDir, `${name}.html`));
  await summarize(strykerReport);
  return 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args[0] === '--summary') {
    await summarize(path.resolve(args[1] ?? strykerReport));
    return 0;
  }
  const mutate = takeOption(args, '--mutate', '-m');
  const testFiles = takeOption(mutate.rest, '--testFiles', '-t');
  const extra = testFiles.rest;
  const explicitTests = testFiles.value === null ? null : testFiles.value.split(',');
  if (mutate.value !== null) {
    const requested = mutate.value.split(',').filter((f) => f !== '');
    const groups = groupsFor(requested);
    const tests = explicitTests ?? (groups.length === 0 ? null : [...new Set(groups.flatMap((g) => g.tests))]);
    const name = groups.length === 1 ? groups[0]!.name : 'subset';
    return runGroup(name, requested, tests, extra);
  }
  let failed = 0;
  for (const group of MODULES) {
    if ((await runGroup(group.name, group.mutate, explicitTests ?? group.tests, extra)) !== 0) failed += 1;
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
