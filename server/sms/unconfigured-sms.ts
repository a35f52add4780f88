import type { Logger } from '../../shared/logger';
import type { SmsAdapter } from './sms-adapter';

/**
 * Used outside dev mode until a gateway adapter is configured: every send fails loudly in
 * the log (without the message, which holds a live code) instead of pretending to work.
 */
export function createUnconfiguredSmsAdapter(logger: Logger): SmsAdapter {
  return {
    send(to) {
      logger.error('No SMS gateway is configured; a login code could not be sent', { toLast3: to.slice(-3) });
      return Promise.reject(new Error('No SMS gateway configured'));
    },
  };
}
