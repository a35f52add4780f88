import { useQuery } from '@tanstack/react-query';
import type { StaffRole } from '../../../shared/domain';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { incidentsKey } from './queries';

/**
 * The signed-in staff member's role, so the register offers an auditor no form the hub would
 * refuse. Null while unknown: then the forms show and a refusal is shown in words. The hub's
 * route table stays the one place that decides.
 */
export function useStaffRole(): StaffRole | null {
  const api = useKiot();
  const view = useQuery({ queryKey: [...incidentsKey, 'staff'], queryFn: () => callOrThrow(() => api.staff.get({})), staleTime: 60_000 });
  return view.data?.staff?.role ?? null;
}
