/**
 * `npm run audit:verify [buildingId]`: checks the audit hash chain of every building in
 * KIOT_DB (or of one). Exit 0 when every chain is intact; 1 with the building and the first
 * broken seq when one is not (or when the check cannot run), so a cron job or an auditor's
 * script can act on it.
 *
 * It only reads: unlike the hub and the seed it neither migrates the database nor writes
 * defaults, so checking a copy taken for an investigation leaves that copy as it was.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createLogger } from '../shared/logger';
import { isPostgresUrl, openDatabase } from './db/connect';
import { readSchemaVersion } from './db/migrate';
import { parseHubEnv, redactDatabase } from './env';
import { createIdGenerator } from './ids';
import { createAuditService } from './services/audit';

const logger = createLogger('audit-verify');
/** The migration that created the audit tables. */
const AUDIT_SCHEMA_VERSION = 6;

async function main(): Promise<void> {
  const parsed = parseHubEnv(process.env);
  if (!parsed.ok) {
    for (const error of parsed.errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const database = parsed.env.database;
  const where = redactDatabase(database);
  // Opening a SQLite path that does not exist would create an empty database there.
  if (!isPostgresUrl(database) && database !== ':memory:' && !existsSync(database)) {
    logger.error(`No database at ${where}`);
    process.exitCode = 1;
    return;
  }
  const db = openDatabase(database, { logger });
  try {
    const version = await readSchemaVersion(db).catch(() => 0);
    if (version < AUDIT_SCHEMA_VERSION) {
      logger.error(`${where} has no audit trail yet (schema version ${version}); start the hub once to migrate it`);
      process.exitCode = 1;
      return;
    }
    const clock = (): Date => new Date();
    const audit = createAuditService({ db, clock, newId: createIdGenerator(clock, (n) => randomBytes(n)) });
    const report = await audit.verify(process.argv[2]);
    if (report.ok) {
      const events = report.buildings.reduce((sum, b) => sum + b.events, 0);
      logger.info(`Audit chain intact in ${where}`, { buildings: report.buildings.length, events });
      return;
    }
    const { broken } = report;
    logger.error(`Audit chain broken: building ${broken.buildingId}, seq ${broken.seq} (${broken.problem})`, { buildingId: broken.buildingId, seq: broken.seq, problem: broken.problem });
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
