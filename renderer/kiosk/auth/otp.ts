import type { ResponseOf } from '../../shared/contract';

/** What the renderer remembers of the last code sent, for the code screen's resend button. */
export type OtpSent = ResponseOf<'auth:requestOtp'> & {
  /** E.164, to send another code to the same number. */
  phone: string;
  /** `Date.now()` when the response arrived: the resend delay counts from here. */
  receivedAt: number;
};
