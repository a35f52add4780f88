/**
 * Once per integration run: the PostgreSQL server the hub suites use. The configured one
 * when it answers, else an embedded one started for this run (one line says so) and removed
 * at the end. Suites read its URL with `inject('pgAdminUrl')` (tests/integration/hub/backends.ts).
 */
import type { TestProject } from 'vitest/node';
import { DEFAULT_PG_ADMIN_URL, ensureTestPostgres } from '../../dev/test-postgres';

declare module 'vitest' {
  // Declaration merging with Vitest's own interface needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env['KIOT_TEST_PG_ADMIN_URL'] || DEFAULT_PG_ADMIN_URL;
  const server = await ensureTestPostgres({ adminUrl: configured, say: (line) => process.stdout.write(`${line}\n`) });
  project.provide('pgAdminUrl', server.adminUrl);
  return () => server.stop();
}
