import nodemailer from 'nodemailer';
import type { Logger } from '../../../shared/logger';
import type { MailAdapter } from './mail-adapter';

/** Where and how the hub hands mail over; see `parseMailEnv` in env.ts and docs/deployment.md. */
export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise plain SMTP upgraded with STARTTLS. */
  secure: boolean;
  /** Refuse to send when STARTTLS is not offered, so codes and the password never cross the network in clear. */
  requireTLS: boolean;
  user: string | null;
  password: string | null;
  /** `Kiot <no-reply@example.vn>` */
  from: string;
  /** Connecting, the greeting and each command. */
  timeoutMs: number;
};

export type SmtpMailAdapter = MailAdapter & { close(): void };

type Failure = { errorCode: string; networkError: string | null; responseCode: number | null; command: string | null };

/** What an SMTP failure says about itself without the recipient (server replies often quote it). */
function describeFailure(err: unknown): Failure {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
  // The socket's own code (`connect ECONNREFUSED 10.0.0.5:587`): the token only, nothing else of the message.
  const network = typeof e.message === 'string' ? /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.exec(e.message)?.[1] : undefined;
  return {
    errorCode: typeof e.code === 'string' ? e.code : 'UNKNOWN',
    networkError: network ?? null,
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
    // The command name only: `RCPT TO:<someone@…>` would carry the address.
    command: typeof e.command === 'string' ? (e.command.split(/[\s:]/)[0] ?? null) : null,
  };
}

function explain(failure: Failure): string {
  if (failure.responseCode !== null) return `answered ${String(failure.responseCode)}${failure.command ? ` to ${failure.command}` : ''}`;
  if (failure.networkError === 'ECONNREFUSED') return 'refused the connection';
  if (failure.networkError === 'ENOTFOUND' || failure.networkError === 'EAI_AGAIN') return 'could not be found (DNS)';
  if (failure.networkError === 'ETIMEDOUT' || failure.errorCode === 'ETIMEDOUT') return 'did not answer in time';
  return `could not be used (${failure.errorCode}${failure.networkError ? ` ${failure.networkError}` : ''})`;
}

/** Mail through an SMTP server (the building's provider, or a relay), one connection per message. */
export function createSmtpMailAdapter(config: SmtpConfig, deps: { logger: Logger }): SmtpMailAdapter {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.requireTLS,
    ...(config.user !== null ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // nodemailer's own logger would write addresses and message text; ours writes neither.
    logger: false,
    debug: false,
  });
  const server = `${config.host}:${String(config.port)}`;
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          textEncoding: 'quoted-printable',
          ...(message.attachments?.length
            ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'utf8') })) }
            : {}),
        });
      } catch (err) {
        const failure = describeFailure(err);
        const why = explain(failure);
        // One line an operator can act on; never the address, the subject or the text.
        deps.logger.error(`Mail server ${server} ${why}; the mail was not sent`, { smtpServer: server, ...failure });
        // No `cause`: nodemailer's error quotes the server's reply, which often names the recipient.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(`Mail server ${server} ${why}`);
      }
    },
    close: () => transport.close(),
  };
}
