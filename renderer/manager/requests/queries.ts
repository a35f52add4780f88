/**
 * The queue's data in TanStack Query: the list and one request through `consoleRequests:*`.
 * Everything lives in the console's one query cache, which the app empties on every lock, so
 * nothing of a resident outlives the staff session here.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ConsoleRequestsPage, ConsoleRequestsQuery } from '../../../shared/contract/console-requests';
import type { StaffRequest } from '../../../shared/hub-api/requests';
import type { Result } from '../../../shared/result';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const requestsKey = ['consoleRequests'] as const;

export function useRequestList(query: ConsoleRequestsQuery): UseQueryResult<ConsoleRequestsPage> {
  const api = useKiot();
  return useQuery({
    queryKey: [...requestsKey, 'list', query],
    queryFn: () => callOrThrow(() => api.consoleRequests.list(query)),
    // Deadlines pass while the page is open: the overdue marks and countdowns come from the hub.
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useRequest(requestId: string): UseQueryResult<StaffRequest> {
  const api = useKiot();
  return useQuery({
    queryKey: [...requestsKey, 'one', requestId],
    queryFn: async () => (await callOrThrow(() => api.consoleRequests.get({ requestId }))).request,
  });
}

/**
 * One staff action on a request. On success the request shown is the hub's answer and the
 * lists are refetched; on `wrong_state` (someone else changed it) the request is reloaded.
 */
export function useRequestAction<I>(requestId: string, run: (input: I) => Promise<Result<{ request: StaffRequest }>>): UseMutationResult<StaffRequest, Error, I> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: I) => (await callOrThrow(() => run(input))).request,
    onSuccess: (request) => {
      queryClient.setQueryData([...requestsKey, 'one', requestId], request);
      void queryClient.invalidateQueries({ queryKey: [...requestsKey, 'list'] });
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: requestsKey });
    },
  });
}
