import type { Logger } from '../../../shared/logger';
import type { SmsAdapter } from './sms-adapter';

/**
 * Used outside dev mode until a gateway adapter is configured: every send fails loudly in
 * the log (without the message, which holds a live code) instead of pretending to work.
 */
export function createUnconfiguredSmsAdapter(logger: Logger): SmsAdapter {
  return {
    send() {
      // Not even part of the number: with the time of the request it can single a resident out.
      logger.error('No SMS gateway is configured; a login code could not be sent');
      return Promise.reject(new Error('No SMS gateway configured'));
    },
  };
}
