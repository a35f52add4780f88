import type { DevSmsMessage } from '../../../shared/hub-api';

/** Sends one text message to an E.164 number. A production gateway implements this. */
export type SmsAdapter = { send(to: string, body: string): Promise<void> };

/** The development adapter also remembers what it sent, for `GET /v1/dev/sms-outbox`. */
export type DevSmsAdapter = SmsAdapter & { messages(): DevSmsMessage[] };

export function isDevSmsAdapter(adapter: SmsAdapter): adapter is DevSmsAdapter {
  return typeof (adapter as Partial<DevSmsAdapter>).messages === 'function';
}
