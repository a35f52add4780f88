/** `npm run seed`: seeds the demo building into KIOT_DB (idempotent) and shows a few residents to log in as. */
import { createLogger } from '../shared/logger';
import { createDevTerminal } from './log';
import { createHub } from './app';
import { parseHubEnv, redactDatabase } from './env';

const logger = createLogger('seed');

async function main(): Promise<void> {
  const parsed = parseHubEnv(process.env);
  if (!parsed.ok) {
    for (const error of parsed.errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const hub = await createHub({ database: parsed.env.database, devMode: false, logger });
  try {
    const demo = await hub.seedDemo();
    logger.info(`${demo.buildingName} is in ${redactDatabase(parsed.env.database)} (building ${demo.buildingId})`);
    // Demo residents are invented people; their numbers go to the terminal, never to the log.
    const terminal = createDevTerminal({ devMode: true });
    terminal.print('Residents to log in as:');
    for (const r of demo.residents) terminal.print(`  ${r.phone}  ${r.fullName}, ${r.unitLabel}`);
  } finally {
    await hub.close();
  }
}

main().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
