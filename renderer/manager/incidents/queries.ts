/**
 * The breach register's data in TanStack Query, through `consoleIncidents:*`. It lives in the
 * console's one query cache, which the app empties on every lock: the linked residents are
 * personal data and are kept nowhere else.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ConsoleIncidentsQuery } from '../../../shared/contract/console-incidents';
import type { IncidentListResponse } from '../../../shared/hub-api/incidents';
import type { IncidentDetail, IncidentDrafts } from '../../../shared/incidents';
import type { Result } from '../../../shared/result';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const incidentsKey = ['consoleIncidents'] as const;

export function useIncidentList(query: ConsoleIncidentsQuery): UseQueryResult<IncidentListResponse> {
  const api = useKiot();
  return useQuery({
    queryKey: [...incidentsKey, 'list', query],
    queryFn: () => callOrThrow(() => api.consoleIncidents.list(query)),
    // The overdue flag is the hub's: refetched so a deadline passing shows without a reload.
    refetchInterval: 60_000,
  });
}

export function useIncident(incidentId: string): UseQueryResult<IncidentDetail> {
  const api = useKiot();
  return useQuery({ queryKey: [...incidentsKey, 'one', incidentId], queryFn: () => callOrThrow(() => api.consoleIncidents.get({ incidentId })) });
}

export function useIncidentDrafts(incidentId: string, enabled: boolean): UseQueryResult<IncidentDrafts> {
  const api = useKiot();
  return useQuery({ queryKey: [...incidentsKey, 'drafts', incidentId], queryFn: () => callOrThrow(() => api.consoleIncidents.drafts({ incidentId })), enabled });
}

/** A change to one incident: the answer's detail replaces the one shown and the list refetches. */
export function useIncidentChange<I, O>(incidentId: string, run: (input: I) => Promise<Result<O>>, detailOf: (output: O) => IncidentDetail): UseMutationResult<O, Error, I> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => callOrThrow(() => run(input)),
    onSuccess: (output) => {
      queryClient.setQueryData([...incidentsKey, 'one', incidentId], detailOf(output));
      void queryClient.invalidateQueries({ queryKey: [...incidentsKey, 'list'] });
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: [...incidentsKey, 'one', incidentId] });
    },
  });
}
