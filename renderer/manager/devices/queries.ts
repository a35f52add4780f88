/**
 * The device fleet's data in TanStack Query, through `consoleDevices:*`. An issued code lives
 * only in the page's state until it is hidden or the console locks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { IssueCodeInput, RevokeInput } from '../../../shared/contract/console-devices';
import type { FleetResponse, IssueEnrollmentCodeResponse, RevokeDeviceResponse } from '../../../shared/hub-api/devices';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const devicesKey = ['consoleDevices'] as const;

export function useFleet(): UseQueryResult<FleetResponse> {
  const api = useKiot();
  // Heartbeats come every minute or so; the 10-minute warning must not wait for a reload.
  return useQuery({ queryKey: [...devicesKey, 'fleet'], queryFn: () => callOrThrow(() => api.consoleDevices.list({})), refetchInterval: 30_000 });
}

export function useIssueCode(): UseMutationResult<IssueEnrollmentCodeResponse, Error, IssueCodeInput> {
  const api = useKiot();
  return useMutation({ mutationFn: (input: IssueCodeInput) => callOrThrow(() => api.consoleDevices.issueCode(input)) });
}

export function useRevoke(): UseMutationResult<RevokeDeviceResponse, Error, RevokeInput> {
  const api = useKiot();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RevokeInput) => callOrThrow(() => api.consoleDevices.revoke(input)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: devicesKey }),
  });
}
