import type { DevSmsMessage } from '../../shared/hub-api';
import type { Logger } from '../../shared/logger';
import type { DevSmsAdapter } from './sms-adapter';

/** Keeps at most this many messages so a long-running dev hub does not grow without bound. */
const MAX_MESSAGES = 1000;

/**
 * Development SMS: nothing leaves the machine. Messages are logged (so the code shows in
 * the terminal) and kept in memory, newest last.
 */
export function createDevSmsAdapter(deps: { clock: () => Date; logger: Logger }): DevSmsAdapter {
  const outbox: DevSmsMessage[] = [];
  return {
    send(to, body) {
      // Recorded before the first await: callers do not await the send, and tests read the
      // outbox right after the request that triggered it.
      outbox.push({ to, body, sentAt: deps.clock().toISOString() });
      if (outbox.length > MAX_MESSAGES) outbox.splice(0, outbox.length - MAX_MESSAGES);
      deps.logger.info(`SMS to ${to} : ${body}`);
      return Promise.resolve();
    },
    messages: () => outbox.map((m) => ({ ...m })),
  };
}
