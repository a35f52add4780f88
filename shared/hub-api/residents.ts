/**
 * Wire schemas of the console's resident directory (`/v1/staff/residents`): search with
 * masked contacts, a profile opened for a stated purpose (audited), edits with a reason
 * (audited), move-out, and a unit's household.
 */
import { z } from 'zod';
import { Instant, LocalDate } from '../domain';
import { STAFF_REASON_MAX } from '../requests';

export const householdRoles = ['owner', 'tenant', 'family', 'occupant'] as const;
/** `occupant`: lives there, role not recorded (every link made before the console existed). */
export const HouseholdRole = z.enum(householdRoles);
export type HouseholdRole = z.infer<typeof HouseholdRole>;

/** Why a staff member opens a profile; `other` needs the free text to say it. */
export const profilePurposes = ['resident_request', 'billing', 'maintenance', 'data_request', 'security', 'other'] as const;
export const ProfilePurpose = z.enum(profilePurposes);
export type ProfilePurpose = z.infer<typeof ProfilePurpose>;

/** A reason staff give: what the resident reads in "who accessed my data". */
export const StaffReason = z.string().trim().min(3).max(STAFF_REASON_MAX);

export const ResidentSearchQuery = z
  .object({
    q: z.string().max(200).default(''),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type ResidentSearchQuery = z.infer<typeof ResidentSearchQuery>;

export const ResidentUnitRef = z.object({
  unitId: z.string().min(1),
  label: z.string(),
  role: HouseholdRole,
  /** The unit `residents.unit_id` names (bills, the kiosk's "my unit"). */
  primary: z.boolean(),
});
export type ResidentUnitRef = z.infer<typeof ResidentUnitRef>;

/** One row of the search list: the name and units in full, contacts masked. */
export const ResidentListItem = z.object({
  id: z.string().min(1),
  fullName: z.string(),
  units: z.array(ResidentUnitRef),
  phoneMasked: z.string(),
  emailMasked: z.string().nullable(),
  movedOutAt: Instant.nullable(),
});
export type ResidentListItem = z.infer<typeof ResidentListItem>;

export const ResidentSearchResponse = z.object({
  residents: z.array(ResidentListItem),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ResidentSearchResponse = z.infer<typeof ResidentSearchResponse>;

export const ResidentParams = z.object({ id: z.string().min(1).max(100) });
export type ResidentParams = z.infer<typeof ResidentParams>;
export const UnitParams = z.object({ unitId: z.string().min(1).max(100) });
export type UnitParams = z.infer<typeof UnitParams>;

export const OpenProfileBody = z.object({ purpose: ProfilePurpose, reason: StaffReason }).strict();
export type OpenProfileBody = z.infer<typeof OpenProfileBody>;

/** A profile in full, as shown after the purpose was given. */
export const ResidentProfileDetails = z.object({
  id: z.string().min(1),
  buildingId: z.string().min(1),
  buildingName: z.string(),
  fullName: z.string(),
  phoneE164: z.string(),
  email: z.string().nullable(),
  contactAddress: z.string().nullable(),
  units: z.array(ResidentUnitRef),
  movedOutAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ResidentProfileDetails = z.infer<typeof ResidentProfileDetails>;

export const ResidentProfileResponse = z.object({ resident: ResidentProfileDetails });
export type ResidentProfileResponse = z.infer<typeof ResidentProfileResponse>;

/** Fields staff may correct; one field per edit, so each edit is one audit event. */
export const StaffEditField = z.enum(['phone', 'email', 'address', 'name']);
export type StaffEditField = z.infer<typeof StaffEditField>;

export const EditResidentBody = z
  .object({
    field: StaffEditField,
    /** The new value; an empty email or address removes it (a phone and a name cannot be removed). */
    value: z.string().max(300),
    reason: StaffReason,
  })
  .strict();
export type EditResidentBody = z.infer<typeof EditResidentBody>;

export const MoveOutBody = z
  .object({
    /** The day the resident left (Asia/Ho_Chi_Minh); not in the future. */
    date: LocalDate,
    reason: StaffReason,
  })
  .strict();
export type MoveOutBody = z.infer<typeof MoveOutBody>;

export const HouseholdMember = z.object({
  residentId: z.string().min(1),
  fullName: z.string(),
  role: HouseholdRole,
  since: Instant,
  phoneMasked: z.string(),
  emailMasked: z.string().nullable(),
  movedOutAt: Instant.nullable(),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

export const HouseholdResponse = z.object({
  unit: z.object({ id: z.string().min(1), label: z.string() }),
  members: z.array(HouseholdMember),
});
export type HouseholdResponse = z.infer<typeof HouseholdResponse>;
