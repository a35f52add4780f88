/**
 * Words and small rules of the resident directory: which text a purpose, role or hub refusal
 * shows, and the reason sent with an opening (readable by the resident in their access log).
 */
import type { HouseholdRole, ProfilePurpose } from '../../../shared/hub-api/residents';
import { STAFF_REASON_MAX } from '../../../shared/requests';
import type { ErrorOverrides } from '../../i18n/error-text';
import type { MessageKey } from '../../i18n/i18n';

/** `+84901234567` → `0901 234 567`, as a number is read and dialled in Vietnam; other numbers as they are. */
export function localPhone(e164: string): string {
  if (!e164.startsWith('+84')) return e164;
  const local = `0${e164.slice(3)}`;
  return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`.trim();
}

export const purposeKey = {
  resident_request: 'consoleResidents:purpose.choice.resident_request',
  billing: 'consoleResidents:purpose.choice.billing',
  maintenance: 'consoleResidents:purpose.choice.maintenance',
  data_request: 'consoleResidents:purpose.choice.data_request',
  security: 'consoleResidents:purpose.choice.security',
  other: 'consoleResidents:purpose.choice.other',
} as const satisfies Record<ProfilePurpose, MessageKey>;

export const roleKey = {
  owner: 'consoleResidents:role.owner',
  tenant: 'consoleResidents:role.tenant',
  family: 'consoleResidents:role.family',
  occupant: 'consoleResidents:role.occupant',
} as const satisfies Record<HouseholdRole, MessageKey>;

export const residentErrorOverrides: ErrorOverrides = {
  not_found: 'consoleResidents:error.notFound',
  forbidden: 'consoleResidents:error.forbidden',
  wrong_state: 'consoleResidents:error.wrongState',
  phone_in_use: 'consoleResidents:error.phoneInUse',
  phone_not_vietnamese: 'consoleResidents:error.phoneNotVietnamese',
  email_invalid: 'consoleResidents:error.emailInvalid',
  invalid_input: 'consoleResidents:error.invalidInput',
};

/**
 * The reason sent with an opening: the purpose in words, then the staff member's detail. For
 * `other` the detail is the reason. Cut to the hub's limit, the purpose words kept whole.
 */
export function openingReason(purposeWords: string, purpose: ProfilePurpose, detail: string): string {
  const extra = detail.trim();
  const text = purpose === 'other' ? extra : extra === '' ? purposeWords : `${purposeWords}: ${extra}`;
  return text.slice(0, STAFF_REASON_MAX);
}

/** Problems a reason field can have, as keys of the namespace. */
export function reasonProblem(reason: string): 'consoleResidents:reason.short' | 'consoleResidents:reason.long' | null {
  const trimmed = reason.trim();
  if (trimmed.length < 3) return 'consoleResidents:reason.short';
  if (trimmed.length > STAFF_REASON_MAX) return 'consoleResidents:reason.long';
  return null;
}
