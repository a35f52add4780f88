/**
 * Everything the hub sends a resident goes through here, so a withdrawn consent stops it
 * at once: `notify` reads the resident's current choice for the purpose at send time, then
 * sends on the purpose's channel. Receipts of consent changes are not optional: they go to
 * the channel the resident chose for receipts. Logs name the resident by id only, never
 * the number, the address or the text.
 */
import { assertNever } from '../../shared/assert-never';
import type { PurposeId, ReceiptChannel } from '../../shared/consents';
import type { Logger } from '../../shared/logger';
import type { MailAdapter } from '../adapters/mail/mail-adapter';
import type { SmsAdapter } from '../adapters/sms/sms-adapter';
import type { HubDb } from '../db/connect';
import { getResidentContact } from '../db/consents';
import type { ConsentService } from './consents';

export type NoticeMessage = { sms: string; mail: { subject: string; text: string } };

export type NotifyOutcome = 'sent' | 'not_consented' | 'no_address' | 'failed';

export type NotificationService = {
  notify(residentId: string, purpose: PurposeId, message: NoticeMessage): Promise<NotifyOutcome>;
  /** A receipt the resident is owed whatever they consented to; on their receipt channel. */
  receipt(residentId: string, message: NoticeMessage): Promise<NotifyOutcome>;
};

export type NotificationDeps = { db: HubDb; consents: Pick<ConsentService, 'allows' | 'receiptChannel'>; sms: SmsAdapter; mail: MailAdapter | null; logger: Logger };

/** The channel a purpose's messages travel on. */
export function channelFor(purpose: PurposeId): ReceiptChannel {
  switch (purpose) {
    case 'bill_reminders_email':
      return 'email';
    case 'service_notices':
    case 'bill_reminders_sms':
    case 'surveys':
    case 'news_promotions':
    case 'delivery_partners':
    case 'service_providers':
      return 'sms';
    default:
      return assertNever(purpose, 'purpose');
  }
}

export function createNotificationService(deps: NotificationDeps): NotificationService {
  const { db, consents, sms, mail, logger } = deps;

  async function send(residentId: string, channel: ReceiptChannel, message: NoticeMessage, what: string): Promise<NotifyOutcome> {
    const contact = await getResidentContact(db, residentId);
    const address = contact === undefined ? null : channel === 'sms' ? contact.phone_e164 : contact.email;
    if (address === null || (channel === 'email' && mail === null)) {
      logger.warn('Notice not sent: no address on this channel', { residentId, channel, what });
      return 'no_address';
    }
    try {
      if (channel === 'sms') await sms.send(address, message.sms);
      else await mail!.send({ to: address, subject: message.mail.subject, text: message.mail.text });
      logger.info('Notice sent', { residentId, channel, what });
      return 'sent';
    } catch (err) {
      // The error of an adapter may quote the address; only its class is logged.
      logger.warn('Notice could not be sent', { residentId, channel, what, errorType: err instanceof Error ? err.name : typeof err });
      return 'failed';
    }
  }

  return {
    async notify(residentId, purpose, message) {
      if (!(await consents.allows(residentId, purpose))) {
        logger.info('Notice not sent: no consent', { residentId, purpose });
        return 'not_consented';
      }
      return send(residentId, channelFor(purpose), message, purpose);
    },
    async receipt(residentId, message) {
      const channel = await consents.receiptChannel(residentId);
      const outcome = await send(residentId, channel, message, 'receipt');
      // A receipt by email that cannot go (no address any more) still reaches the resident by SMS.
      if (channel === 'email' && outcome === 'no_address') return send(residentId, 'sms', message, 'receipt');
      return outcome;
    },
  };
}
