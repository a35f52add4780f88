/**
 * Reconciliation data in TanStack Query through `consolePayments:*`. It lives in the console's
 * one query cache, which the app empties on every lock. A write refetches the transfer and bill
 * lists, since one match can change both.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { ConsoleBillsQuery, ConsoleTransfersQuery } from '../../../shared/contract/console-payments';
import type { StaffBillListResponse, StaffPaymentIntentListResponse, TransferListResponse } from '../../../shared/hub-api/payment-reconciliation';
import type { Result } from '../../../shared/result';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const paymentsKey = ['consolePayments'] as const;

export function useTransfers(query: ConsoleTransfersQuery): UseQueryResult<TransferListResponse> {
  const api = useKiot();
  return useQuery({ queryKey: [...paymentsKey, 'transfers', query], queryFn: () => callOrThrow(() => api.consolePayments.transfers(query)), placeholderData: keepPreviousData });
}

export function useBills(query: ConsoleBillsQuery, enabled = true): UseQueryResult<StaffBillListResponse> {
  const api = useKiot();
  return useQuery({ queryKey: [...paymentsKey, 'bills', query], queryFn: () => callOrThrow(() => api.consolePayments.bills(query)), placeholderData: keepPreviousData, enabled });
}

export function useFlaggedIntents(): UseQueryResult<StaffPaymentIntentListResponse> {
  const api = useKiot();
  return useQuery({ queryKey: [...paymentsKey, 'intents'], queryFn: () => callOrThrow(() => api.consolePayments.intents({ flaggedOnly: true })) });
}

/** One audited write; on success or refusal the lists are fetched again. */
export function usePaymentsWrite<I, O>(run: (input: I) => Promise<Result<O>>): UseMutationResult<O, Error, I> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => callOrThrow(() => run(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentsKey }),
  });
}
