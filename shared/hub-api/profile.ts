/** Wire schemas of "My information": the profile, phone/email changes with codes, corrections. */
import { z } from 'zod';
import { ContactChange, CorrectionField, CorrectionRequest, EMAIL_MAX, MyProfile } from '../profile';

export const ProfileResponse = MyProfile;
export type ProfileResponse = z.infer<typeof ProfileResponse>;

export const ContactChangeStartBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('phone'),
      newPhone: z.string().min(1).max(40),
      /** False when the resident no longer has the current phone: the management then verifies them. */
      hasOldPhone: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('email'),
      /** Null removes the email (no code needed). */
      newEmail: z.string().min(1).max(EMAIL_MAX + 20).nullable(),
    })
    .strict(),
]);
export type ContactChangeStartBody = z.infer<typeof ContactChangeStartBody>;

export const ContactChangeResponse = z.object({
  change: ContactChange,
  /** Seconds before starting the same change again sends new codes. */
  resendAfterSeconds: z.number().int().min(0),
});
export type ContactChangeResponse = z.infer<typeof ContactChangeResponse>;

/** The change being verified: `{id}` in `POST /v1/me/contact-changes/{id}/verify`. */
export const ContactChangeParams = z.object({ id: z.string().min(1).max(100) });
export const ContactChangeVerifyBody = z
  .object({
    target: z.enum(['old', 'new']),
    code: z.string().regex(/^\d{6}$/),
  })
  .strict();
export type ContactChangeVerifyBody = z.infer<typeof ContactChangeVerifyBody>;
/** What the hub's service verifies: the body with the change id from the path. */
export type ContactChangeVerification = ContactChangeVerifyBody & { changeId: string };

export const CorrectionRequestBody = z
  .object({
    field: CorrectionField,
    value: z.string().min(1).max(1000),
  })
  .strict();
export type CorrectionRequestBody = z.infer<typeof CorrectionRequestBody>;

export const CorrectionRequestResponse = z.object({ correction: CorrectionRequest });
export type CorrectionRequestResponse = z.infer<typeof CorrectionRequestResponse>;
