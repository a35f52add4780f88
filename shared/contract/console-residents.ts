/**
 * `consoleResidents:*` — the manager console's resident directory: search with masked
 * contacts, a profile opened for a stated purpose (the hub audits it and the resident sees it
 * in their access log), corrections with a reason, move-out, and a unit's household. The core
 * forwards each channel to the hub's `/v1/staff/residents` routes with the staff member's
 * token; which role may do what is decided in the hub's route table.
 */
import { z } from 'zod';
import { LocalDate } from '../domain';
import { HouseholdResponse, ProfilePurpose, ResidentProfileResponse, ResidentSearchResponse, StaffEditField, StaffReason } from '../hub-api/residents';
import type { DomainContract } from './common';

/** Rows per page of the search list. */
export const CONSOLE_RESIDENTS_PAGE = 25;

const ResidentId = z.string().min(1).max(100);

export const ResidentSearchInput = z
  .object({
    q: z.string().max(200),
    limit: z.number().int().min(1).max(100).optional(),
    offset: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type ResidentSearchInput = z.infer<typeof ResidentSearchInput>;

export const OpenResidentInput = z.object({ residentId: ResidentId, purpose: ProfilePurpose, reason: StaffReason }).strict();
export type OpenResidentInput = z.infer<typeof OpenResidentInput>;

export const EditResidentInput = z.object({ residentId: ResidentId, field: StaffEditField, value: z.string().max(300), reason: StaffReason }).strict();
export type EditResidentInput = z.infer<typeof EditResidentInput>;

export const MoveOutInput = z.object({ residentId: ResidentId, date: LocalDate, reason: StaffReason }).strict();
export type MoveOutInput = z.infer<typeof MoveOutInput>;

export const HouseholdInput = z.object({ unitId: z.string().min(1).max(100) }).strict();
export type HouseholdInput = z.infer<typeof HouseholdInput>;

export const consoleResidentsContract = {
  'consoleResidents:search': { request: ResidentSearchInput, response: ResidentSearchResponse },
  /** The full profile; the hub writes one audit event with the purpose and reason. */
  'consoleResidents:open': { request: OpenResidentInput, response: ResidentProfileResponse },
  'consoleResidents:edit': { request: EditResidentInput, response: ResidentProfileResponse },
  'consoleResidents:moveOut': { request: MoveOutInput, response: ResidentProfileResponse },
  'consoleResidents:household': { request: HouseholdInput, response: HouseholdResponse },
} as const satisfies DomainContract<'consoleResidents'>;
