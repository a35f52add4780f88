import type { StaffRole } from '../../../shared/domain';

/**
 * The signed-in staff member's role, to hide what they may not do. Null while unknown: then
 * every step the status allows is offered and the hub's refusal is shown in words.
 */
export function useStaffRole(): StaffRole | null {
  return null;
}
