/**
 * The Vitest configuration StrykerJS runs (stryker.config.mjs): vitest.config.ts with each
 * project's test files narrowed to the ones named in KIOT_MUTATION_TESTS (comma-separated
 * globs, set per module group by scripts/mutation.ts). Narrowing here rather than with
 * Stryker's own `--testFiles`: with `--testFiles`, Stryker 9.6 activates a mutant in
 * module-level code only after the module has loaded, so every such mutant "survives"
 * (stryker-js issue 6144).
 */
import { defineConfig } from 'vitest/config';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import base from './vitest.config';

const only = (process.env['KIOT_MUTATION_TESTS'] ?? '').split(',').filter((glob) => glob !== '');

function narrowed(project: TestProjectInlineConfiguration): TestProjectInlineConfiguration | null {
  const include = project.test?.include ?? [];
  // A glob belongs to the project whose include folder it starts with (tests/unit/, tests/integration/).
  const folders = include.map((glob) => glob.slice(0, glob.indexOf('**')));
  const mine = only.filter((glob) => folders.some((folder) => glob.startsWith(folder)));
  return mine.length === 0 ? null : { ...project, test: { ...project.test, include: mine } };
}

const projects = (base.test?.projects ?? []).filter((p): p is TestProjectInlineConfiguration => typeof p === 'object' && 'test' in p);

export default only.length === 0
  ? base
  : defineConfig({ ...base, test: { ...base.test, projects: projects.map(narrowed).filter((p) => p !== null) } });
