import { QueryClient } from '@tanstack/react-query';

/**
 * The manager console's one query cache. The app empties it on every lock, so nothing one
 * member of staff loaded is there for the next.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A failure shows at once with a Retry button, as everywhere else in the app.
        retry: false,
        // A desktop window gains focus all the time; what is shown is refreshed on its own schedule.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}
