import { useQuery } from '@tanstack/react-query';
import type { StaffRole } from '../../../shared/domain';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';
import { requestsKey } from './queries';

/**
 * The signed-in staff member's role, to hide what they may not do. Null while unknown: then
 * every step the status allows is offered and the hub's refusal is shown in words (the hub's
 * route table stays the one place that decides).
 */
export function useStaffRole(): StaffRole | null {
  const api = useKiot();
  const view = useQuery({ queryKey: [...requestsKey, 'staff'], queryFn: () => callOrThrow(() => api.staff.get({})), staleTime: 60_000 });
  return view.data?.staff?.role ?? null;
}
