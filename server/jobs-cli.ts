/**
 * `npm run jobs -- --once`: runs every hub job once against the hub database configured the
 * same way as `npm run hub` (KIOT_DB, KIOT_HUB_DEV, the SMS gateway and SMTP variables), each
 * doing whatever is due (a due erasure, a waiting export…), then exits. For operators (a cron
 * entry, a run by hand after a hub was down) and tests. Safe beside running hubs: every job
 * claims its items in the database, so nothing is done twice.
 *
 * stdout gets one line per job (`erasure: 2 done, 0 failed`); the logs go to stderr. Exit 0
 * when nothing failed, 1 otherwise (and for a bad environment or a bad argument).
 */
import { createSmtpMailAdapter } from './adapters/mail/smtp-mail';
import { createHttpGatewaySmsAdapter } from './adapters/sms/http-gateway-sms';
import { createHub } from './app';
import { parseHubEnv, parseMailEnv, parseSmsGatewayEnv } from './env';
import { createDevTerminal, createHubLogger } from './log';

const USAGE = [
  'Usage: npm run jobs -- --once',
  '  Runs every hub job once (whatever is due) against KIOT_DB and exits.',
  '  Inside a running hub the jobs already run on their schedule; this is for running them by hand.',
].join('\n');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] !== '--once') {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 1;
    return;
  }
  const parsed = parseHubEnv(process.env);
  const smsGateway = parseSmsGatewayEnv(process.env);
  const mailServer = parseMailEnv(process.env);
  const devMode = parsed.ok && parsed.env.devMode;
  const logger = createHubLogger({ devMode, destination: process.stderr, name: 'jobs' });
  if (!parsed.ok || !smsGateway.ok || !mailServer.ok) {
    for (const error of [...(parsed.ok ? [] : parsed.errors), ...(smsGateway.ok ? [] : smsGateway.errors), ...(mailServer.ok ? [] : mailServer.errors)]) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const sms = smsGateway.config ? createHttpGatewaySmsAdapter(smsGateway.config, { logger: logger.child('sms') }) : undefined;
  const mail = mailServer.config ? createSmtpMailAdapter(mailServer.config, { logger: logger.child('mail') }) : undefined;
  // In dev mode the dev SMS and mail texts go to stderr, so stdout stays the report.
  const terminal = createDevTerminal({ devMode: parsed.env.devMode, destination: process.stderr });
  const hub = await createHub({ database: parsed.env.database, devMode: parsed.env.devMode, logger, terminal, jobs: 'manual', ...(sms ? { sms } : {}), ...(mail ? { mail } : {}) });
  let failed = 0;
  try {
    const reports = await hub.runJobsOnce();
    for (const [name, report] of Object.entries(reports)) {
      process.stdout.write(`${name}: ${report.done} done, ${report.failed} failed\n`);
      failed += report.failed;
    }
  } finally {
    await hub.close();
    mail?.close();
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
