/**
 * `npm run audit:verify [buildingId]`: checks the audit hash chain of every building in
 * KIOT_DB (or of one). Exit 0 when every chain is intact; 1 with the building and the first
 * broken seq when one is not (or when the check cannot run), so a cron job or an auditor's
 * script can act on it.
 */
import { createLogger } from '../shared/logger';
import { createHub } from './app';
import { parseHubEnv, redactDatabase } from './env';

const logger = createLogger('audit-verify');

async function main(): Promise<void> {
  const parsed = parseHubEnv(process.env);
  if (!parsed.ok) {
    for (const error of parsed.errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const buildingId = process.argv[2];
  const hub = await createHub({ database: parsed.env.database, devMode: false, logger });
  try {
    const report = await hub.audit.verify(buildingId);
    if (report.ok) {
      const events = report.buildings.reduce((sum, b) => sum + b.events, 0);
      logger.info(`Audit chain intact in ${redactDatabase(parsed.env.database)}`, { buildings: report.buildings.length, events });
      return;
    }
    const { broken } = report;
    logger.error(`Audit chain broken: building ${broken.buildingId}, seq ${broken.seq} (${broken.problem})`, { buildingId: broken.buildingId, seq: broken.seq, problem: broken.problem });
    process.exitCode = 1;
  } finally {
    await hub.close();
  }
}

main().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
