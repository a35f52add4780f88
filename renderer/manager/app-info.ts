import { useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AppInfo } from '../../shared/contract';
import { callOrThrow } from '../components/call';
import { useKiot } from '../components/KiotProvider';

export const appInfoKey = ['app', 'info'] as const;

/** What this device knows about itself (`app:info`); it does not change while the app runs. */
export function useAppInfo(): UseQueryResult<AppInfo> {
  const api = useKiot();
  return useQuery({ queryKey: appInfoKey, queryFn: () => callOrThrow(() => api.app.info({})), staleTime: Infinity });
}
