import { createContext, useContext } from 'react';
import type { JSX, ReactNode } from 'react';
import type { StaffMember } from '../../../shared/contract/staff';
import type { StaffRole } from '../../../shared/domain';

const StaffContext = createContext<StaffMember | null>(null);

/** The signed-in staff member, for the pages under the console shell (which only renders them signed in). */
export function StaffProvider({ staff, children }: { staff: StaffMember; children: ReactNode }): JSX.Element {
  return <StaffContext.Provider value={staff}>{children}</StaffContext.Provider>;
}

/** Who is signed in. Outside the shell (a page test without it), null. */
export function useStaff(): StaffMember | null {
  return useContext(StaffContext);
}

/**
 * The signed-in role, to hide what the role may not do (the hub refuses it anyway: roles are
 * checked in its route table). Null outside the shell.
 */
export function useStaffRole(): StaffRole | null {
  return useContext(StaffContext)?.role ?? null;
}

/** Auditors look, they never change anything. */
export function isReadOnly(role: StaffRole | null): boolean {
  return role === 'auditor';
}
