/**
 * The audit log's data in TanStack Query, through `consoleAudit:*`. It lives in the console's
 * one query cache, which the app empties on every lock.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ConsoleAuditFilters, ConsoleAuditQuery } from '../../../shared/contract/console-audit';
import type { AuditExportResponse, AuditListResponse, AuditVerifyResponse } from '../../../shared/hub-api/audit';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const auditKey = ['consoleAudit'] as const;

export function useAuditList(query: ConsoleAuditQuery): UseQueryResult<AuditListResponse> {
  const api = useKiot();
  return useQuery({
    queryKey: [...auditKey, 'list', query],
    queryFn: () => callOrThrow(() => api.consoleAudit.list(query)),
    placeholderData: keepPreviousData,
    // Every reading is an audit event at the hub: no background refetching.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

export function useAuditChain(): UseQueryResult<AuditVerifyResponse> {
  const api = useKiot();
  return useQuery({ queryKey: [...auditKey, 'verify'], queryFn: () => callOrThrow(() => api.consoleAudit.verify({})), refetchOnWindowFocus: false, staleTime: Infinity });
}

export function useAuditExport(): UseMutationResult<AuditExportResponse, Error, ConsoleAuditFilters> {
  const api = useKiot();
  return useMutation({ mutationFn: (filters: ConsoleAuditFilters) => callOrThrow(() => api.consoleAudit.export(filters)) });
}
