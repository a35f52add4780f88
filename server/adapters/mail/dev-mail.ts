import type { DevMailMessage } from '../../../shared/hub-api';
import type { Logger } from '../../../shared/logger';
import type { DevTerminal } from '../../log';
import type { MailAdapter, MailMessage } from './mail-adapter';

/** Keeps at most this many messages so a long-running dev hub does not grow without bound. */
const MAX_MESSAGES = 1000;

/** The development adapter also remembers what it sent, for `GET /v1/dev/mail-outbox`. */
export type DevMailAdapter = MailAdapter & {
  messages(): DevMailMessage[];
  /** The messages as sent, attachments' content included (tests read the files; the dev route shows only their sizes). */
  sent(): MailMessage[];
};

export function isDevMailAdapter(adapter: MailAdapter): adapter is DevMailAdapter {
  return typeof (adapter as Partial<DevMailAdapter>).messages === 'function';
}

export type DevMailDeps = {
  clock: () => Date;
  /** Where a developer reads the codes: prints nothing outside dev mode. */
  terminal?: DevTerminal;
  /** Gets a line per message without its address or text: the log is redacted, not a place for codes. */
  logger?: Logger;
};

/**
 * Development mail: nothing leaves the machine. Messages are kept in memory, newest last,
 * for `GET /v1/dev/mail-outbox`, and printed on the dev terminal.
 */
export function createDevMailAdapter(deps: DevMailDeps): DevMailAdapter {
  const outbox: { message: MailMessage; sentAt: string }[] = [];
  return {
    send(message) {
      // Recorded before the first await: callers may not await the send, and tests read the
      // outbox right after the request that triggered it.
      const kept: MailMessage = { to: message.to, subject: message.subject, text: message.text, ...(message.attachments ? { attachments: message.attachments.map((a) => ({ ...a })) } : {}) };
      outbox.push({ message: kept, sentAt: deps.clock().toISOString() });
      if (outbox.length > MAX_MESSAGES) outbox.splice(0, outbox.length - MAX_MESSAGES);
      const files = message.attachments?.map((a) => `\n[attached: ${a.filename}, ${String(Buffer.byteLength(a.content, 'utf8'))} bytes]`).join('') ?? '';
      deps.terminal?.print(`Mail to ${message.to}: ${message.subject}\n${message.text}${files}`);
      deps.logger?.debug('dev mail kept in the outbox', { outboxSize: outbox.length });
      return Promise.resolve();
    },
    messages: () =>
      outbox.map(({ message, sentAt }) => ({
        to: message.to,
        subject: message.subject,
        text: message.text,
        sentAt,
        ...(message.attachments
          ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, 'utf8') })) }
          : {}),
      })),
    sent: () => outbox.map(({ message }) => ({ ...message, ...(message.attachments ? { attachments: message.attachments.map((a) => ({ ...a })) } : {}) })),
  };
}
