import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import type { JSX } from 'react';
import { createManagerRouter } from './manager-router';

export type ManagerConsoleProps = {
  queryClient: QueryClient;
  initialPath?: string;
};

/**
 * Manager mode. Its router lives as long as this component: the app renders it with a key
 * that changes on every lock, so a lock also returns the console to its start page.
 */
export function ManagerConsole({ queryClient, initialPath }: ManagerConsoleProps): JSX.Element {
  const [router] = useState(() => createManagerRouter({ initialPath }));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
