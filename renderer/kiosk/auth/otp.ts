import type { ResponseOf } from '../../../shared/contract';

/**
 * What the renderer remembers of the last code sent, for the code screen's resend button.
 * Not the phone number: the main process keeps it, and a resend asks for "the same number".
 */
export type OtpSent = ResponseOf<'auth:requestOtp'> & {
  /** When the response arrived (ms since the epoch): the resend delay counts from here. */
  receivedAt: number;
};
