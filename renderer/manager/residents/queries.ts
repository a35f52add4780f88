/**
 * The directory's data in TanStack Query, through `consoleResidents:*`. Everything lives in the
 * console's one query cache, which the app empties on every lock: the search text, the lists,
 * and an opened profile. A profile is put in the cache only by an audited opening and dropped
 * when its page closes, so seeing it again means giving a purpose again.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient, UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { CONSOLE_RESIDENTS_PAGE } from '../../../shared/contract/console-residents';
import type { EditResidentInput, MoveOutInput, OpenResidentInput } from '../../../shared/contract/console-residents';
import type { HouseholdResponse, ResidentProfileDetails, ResidentSearchResponse } from '../../../shared/hub-api/residents';
import { callOrThrow } from '../../components/call';
import { useKiot } from '../../components/KiotProvider';

export const residentsKey = ['consoleResidents'] as const;
const profileKey = (residentId: string): readonly unknown[] => [...residentsKey, 'profile', residentId];
const searchStateKey = [...residentsKey, 'searchState'] as const;

/** An opened profile with the reason it was opened for (shown on the page, so the staff member sees what the resident will read). */
export type OpenedProfile = { resident: ResidentProfileDetails; reason: string };

/** What the search page showed last, so coming back from a profile finds the same list. */
export type SearchState = { q: string; page: number };

export function useSearchState(): [SearchState, (next: SearchState) => void] {
  const queryClient = useQueryClient();
  const state = useQuery<SearchState>({ queryKey: searchStateKey, queryFn: () => ({ q: '', page: 0 }), staleTime: Infinity, gcTime: Infinity });
  return [state.data ?? { q: '', page: 0 }, (next) => queryClient.setQueryData(searchStateKey, next)];
}

export function useResidentSearch(q: string, page: number): UseQueryResult<ResidentSearchResponse> {
  const api = useKiot();
  return useQuery({
    queryKey: [...residentsKey, 'search', q, page],
    queryFn: () => callOrThrow(() => api.consoleResidents.search({ q, limit: CONSOLE_RESIDENTS_PAGE, offset: page * CONSOLE_RESIDENTS_PAGE })),
    placeholderData: keepPreviousData,
  });
}

/** Opening a profile for a purpose: one audited call; the answer goes in the cache for the profile page. */
export function useOpenResident(): UseMutationResult<OpenedProfile, Error, OpenResidentInput> {
  const api = useKiot();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: OpenResidentInput) => ({ resident: (await callOrThrow(() => api.consoleResidents.open(input))).resident, reason: input.reason }),
    onSuccess: (opened) => queryClient.setQueryData(profileKey(opened.resident.id), opened),
  });
}

/** The opened profile, if an opening put it in the cache; never fetched without a purpose. */
export function useOpenedProfile(residentId: string): OpenedProfile | undefined {
  const query = useQuery<OpenedProfile>({
    queryKey: profileKey(residentId),
    queryFn: () => Promise.reject(new Error('a profile is only opened with a purpose')),
    enabled: false,
    staleTime: Infinity,
  });
  return query.data;
}

export function forgetProfile(queryClient: QueryClient, residentId: string): void {
  queryClient.removeQueries({ queryKey: profileKey(residentId) });
}

function useProfileChange<I extends { residentId: string }>(run: (input: I) => Promise<{ resident: ResidentProfileDetails }>): UseMutationResult<ResidentProfileDetails, Error, I> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: I) => (await run(input)).resident,
    onSuccess: (resident) => {
      queryClient.setQueryData<OpenedProfile>(profileKey(resident.id), (old) => (old ? { ...old, resident } : old));
      void queryClient.invalidateQueries({ queryKey: [...residentsKey, 'search'] });
      void queryClient.invalidateQueries({ queryKey: [...residentsKey, 'household'] });
    },
  });
}

export function useEditResident(): UseMutationResult<ResidentProfileDetails, Error, EditResidentInput> {
  const api = useKiot();
  return useProfileChange((input: EditResidentInput) => callOrThrow(() => api.consoleResidents.edit(input)));
}

export function useMoveOut(): UseMutationResult<ResidentProfileDetails, Error, MoveOutInput> {
  const api = useKiot();
  return useProfileChange((input: MoveOutInput) => callOrThrow(() => api.consoleResidents.moveOut(input)));
}

export function useHousehold(unitId: string): UseQueryResult<HouseholdResponse> {
  const api = useKiot();
  return useQuery({ queryKey: [...residentsKey, 'household', unitId], queryFn: () => callOrThrow(() => api.consoleResidents.household({ unitId })) });
}
