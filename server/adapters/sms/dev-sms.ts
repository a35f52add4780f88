import type { DevSmsMessage } from '../../../shared/hub-api';
import type { Logger } from '../../../shared/logger';
import type { DevTerminal } from '../../log';
import type { DevSmsAdapter } from './sms-adapter';

/** Keeps at most this many messages so a long-running dev hub does not grow without bound. */
const MAX_MESSAGES = 1000;

export type DevSmsDeps = {
  clock: () => Date;
  /**
   * Where a developer reads the codes: `createDevTerminal({ devMode })`, which prints nothing
   * outside dev mode. Without one the texts are only in the outbox.
   */
  terminal?: DevTerminal;
  /** Gets a line per message without its number or text: the log is redacted, not a place for codes. */
  logger?: Logger;
};

/**
 * Development SMS: nothing leaves the machine. Messages are kept in memory, newest last,
 * for `GET /v1/dev/sms-outbox`, and printed on the dev terminal.
 */
export function createDevSmsAdapter(deps: DevSmsDeps): DevSmsAdapter {
  const outbox: DevSmsMessage[] = [];
  return {
    send(to, body) {
      // Recorded before the first await: callers do not await the send, and tests read the
      // outbox right after the request that triggered it.
      outbox.push({ to, body, sentAt: deps.clock().toISOString() });
      if (outbox.length > MAX_MESSAGES) outbox.splice(0, outbox.length - MAX_MESSAGES);
      deps.terminal?.print(`SMS to ${to}: ${body}`);
      deps.logger?.debug('dev SMS kept in the outbox', { outboxSize: outbox.length });
      return Promise.resolve();
    },
    messages: () => outbox.map((m) => ({ ...m })),
  };
}
