/** `npm run hub`: the hub as a standalone process. Configuration comes from the environment (see env.ts). */
import { createSmtpMailAdapter } from './adapters/mail/smtp-mail';
import { createHttpGatewaySmsAdapter } from './adapters/sms/http-gateway-sms';
import { createHub } from './app';
import { parseHubEnv, parseMailEnv, parseSmsGatewayEnv, redactDatabase } from './env';
import { requestIdMixin } from './http/request-context';
import { createDevTerminal, createHubLogger } from './log';
import { isPaymentCommand } from './payments-cli';

/** `+84901234567` → `0901 234 567`, the way residents write their number. */
function localPhone(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

const parsed = parseHubEnv(process.env);
const smsGateway = parseSmsGatewayEnv(process.env);
const mailServer = parseMailEnv(process.env);
const devMode = parsed.ok && parsed.env.devMode;
const logger = createHubLogger({ devMode, mixin: requestIdMixin });

async function main(): Promise<void> {
  const errors = [...(parsed.ok ? [] : parsed.errors), ...(smsGateway.ok ? [] : smsGateway.errors), ...(mailServer.ok ? [] : mailServer.errors)];
  if (!parsed.ok || !smsGateway.ok || !mailServer.ok) {
    for (const error of errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const { env } = parsed;
  // Without a gateway: the dev outbox in dev mode, otherwise every send fails loudly (see createHub).
  const sms = smsGateway.config ? createHttpGatewaySmsAdapter(smsGateway.config, { logger: logger.child('sms') }) : undefined;
  if (smsGateway.config) logger.info(`SMS through the HTTP gateway at ${new URL(smsGateway.config.url).host}`);
  const mail = mailServer.config ? createSmtpMailAdapter(mailServer.config, { logger: logger.child('mail') }) : undefined;
  if (mailServer.config) logger.info(`Mail through the SMTP server ${mailServer.config.host}:${String(mailServer.config.port)}`);
  // The demo resident's number and the enrollment code are for the developer's eyes, never
  // the log: the dev terminal prints them in dev mode and nothing otherwise.
  const terminal = createDevTerminal({ devMode });
  const hub = await createHub({ database: env.database, devMode: env.devMode, logger, terminal, jobs: 'scheduled', ...(sms ? { sms } : {}), ...(mail ? { mail } : {}) });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    hub.close().then(
      () => {
        mail?.close();
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('Shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  let demo = null;
  if (env.devMode) demo = await hub.seedDemo();
  const url = await hub.listen({ port: env.port, host: env.host });
  logger.info(`Kiot hub listening on ${url} (database ${redactDatabase(env.database)}${env.devMode ? ', dev mode' : ''})`);
  if (demo) {
    const first = demo.residents[0];
    if (first) terminal.print(`Demo resident: ${first.fullName}, ${first.unitLabel}: type ${localPhone(first.phone)} at the kiosk (${first.phone})`);
    const code = await hub.createEnrollmentCode({ buildingId: demo.buildingId, mode: 'kiosk' });
    terminal.print(`Kiosk enrollment code for ${demo.buildingName} (valid 24 h): ${code}`);
    // Only where the dev outboxes are in use: a configured gateway or SMTP server sends for real.
    if (!sms) terminal.print(`Login codes appear here and at ${url}/v1/dev/sms-outbox`);
    if (!mail) terminal.print(`Mails (email codes, receipts) appear here and at ${url}/v1/dev/mail-outbox`);
  }
}

// `npm run hub -- create-admin …` (staff-cli.ts) and the payment commands (payments-cli.ts) do
// their one job and exit instead of serving.
const subcommand = process.argv[2];
const command = subcommand === 'create-admin' || isPaymentCommand(subcommand) ? subcommand : 'serve';
const run = async (): Promise<void> => {
  if (command === 'serve') return main();
  if (!parsed.ok) {
    for (const error of parsed.errors) logger.error(error);
    process.exitCode = 1;
    return;
  }
  const io = { out: (line: string) => process.stdout.write(`${line}\n`), err: (line: string) => process.stderr.write(`${line}\n`) };
  if (command === 'create-admin') {
    const { runCreateAdmin } = await import('./staff-cli');
    process.exitCode = await runCreateAdmin(process.argv.slice(3), parsed.env.database, io);
    return;
  }
  const { runPaymentsCli } = await import('./payments-cli');
  process.exitCode = await runPaymentsCli(command, process.argv.slice(3), parsed.env.database, { ...io, env: process.env });
};
run().catch((err: unknown) => {
  logger.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
