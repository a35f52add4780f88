/**
 * The consent catalogue: what each processing purpose of the policy is, in words a resident
 * can check, and the shapes both the hub and the kiosk use for a resident's choices.
 */
import { z } from 'zod';

/** Every purpose the policy can name. A policy version lists the ones it covers. */
export const purposeIds = [
  'service_notices',
  'bill_reminders_sms',
  'bill_reminders_email',
  'surveys',
  'news_promotions',
  'delivery_partners',
  'service_providers',
] as const;
export const PurposeId = z.enum(purposeIds);
export type PurposeId = z.infer<typeof PurposeId>;

/** The same text in both languages the kiosk speaks; Vietnamese is the source. */
export const Bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

export const PurposeDefinition = z.object({
  id: PurposeId,
  /** Needed to run the service: the resident is informed, never asked, and cannot withdraw it. */
  necessary: z.boolean(),
  title: Bilingual,
  /** Which of the resident's data is used. */
  data: Bilingual,
  /** What it is used for. */
  use: Bilingual,
  /** Who receives it, by name where the policy names them. */
  recipients: Bilingual,
});
export type PurposeDefinition = z.infer<typeof PurposeDefinition>;

/** Where a consent change was made: at a lobby kiosk, or by staff at the management console. */
export const ConsentChannel = z.enum(['kiosk', 'console']);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

/** How the resident gets the receipt of a consent change. */
export const ReceiptChannel = z.enum(['sms', 'email']);
export type ReceiptChannel = z.infer<typeof ReceiptChannel>;

/** Outbox operation kinds of the consent feature. */
export const CONSENT_SET_KIND = 'consent.set';
export const CONSENT_RECEIPTS_KIND = 'consent.receipts';

/**
 * The payload of `consent.set`. The purpose is any short string here, not the enum, so an
 * unknown purpose is refused with its own code rather than as a malformed payload.
 */
export const ConsentSetPayload = z.object({
  purposeId: z.string().min(1).max(64),
  granted: z.boolean(),
  /** The policy version the resident was shown when choosing. */
  policyVersion: z.number().int().min(1),
});
export type ConsentSetPayload = z.infer<typeof ConsentSetPayload>;

/** The payload of `consent.receipts`: where the receipts of later changes go. */
export const ConsentReceiptsPayload = z.object({ channel: ReceiptChannel });
export type ConsentReceiptsPayload = z.infer<typeof ConsentReceiptsPayload>;

/**
 * Whether a purpose changed in a way the resident must see again: what it is for, or who
 * receives the data. A reworded title or data list alone does not ask them again.
 */
export function purposeChanged(before: PurposeDefinition, after: PurposeDefinition): boolean {
  const same = (a: Bilingual, b: Bilingual): boolean => a.vi === b.vi && a.en === b.en;
  return !same(before.use, after.use) || !same(before.recipients, after.recipients);
}
