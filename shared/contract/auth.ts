/** `auth:*` — resident sign-in with a one-time code sent by SMS. */
import { z } from 'zod';
import { Instant, ResidentSummary } from '../domain';
import { OtpCode } from '../hub-api';
import { Empty } from './common';
import type { DomainContract } from './common';

const CodeSent = z.object({ maskedPhone: z.string(), expiresAt: Instant, resendAfterSeconds: z.number().int().min(0) });

export const authContract = {
  'auth:requestOtp': {
    request: z.object({ phone: z.string().trim().min(1).max(32) }).strict(),
    response: CodeSent,
  },
  /**
   * Sends a new code to the number of the current code request. It takes no number: main
   * remembers it, so the renderer never has to keep a resident's full phone number.
   * Allowed only on the code screen.
   */
  'auth:resendOtp': { request: Empty, response: CodeSent },
  'auth:verifyOtp': {
    request: z.object({ code: OtpCode }).strict(),
    response: z.object({ resident: ResidentSummary }),
  },
} as const satisfies DomainContract<'auth'>;
