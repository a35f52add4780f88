import type { Logger } from '../../../shared/logger';
import type { MailAdapter } from './mail-adapter';

/**
 * Used outside dev mode until SMTP is configured: every send fails loudly in the log
 * (without the address or the text, which may hold a live code) instead of pretending to work.
 */
export function createUnconfiguredMailAdapter(logger: Logger): MailAdapter {
  return {
    send() {
      logger.error('No mail server is configured (KIOT_SMTP_URL or KIOT_SMTP_HOST); a mail could not be sent');
      return Promise.reject(new Error('No mail server configured'));
    },
  };
}
