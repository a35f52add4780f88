import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JSX } from 'react';
import type { StaffView } from '../../shared/contract';
import type { StaffMember } from '../../shared/contract/staff';
import { safeCall } from '../components/call';
import { useKiot } from '../components/KiotProvider';
import { createThrottle } from '../kiosk/session/throttle';
import { addConsoleResources } from '../i18n/console-resources';
import { useI18nInstance, useT } from '../i18n/I18nProvider';
import { StaffGate } from '../manager/console/StaffGate';
import { StaffProvider } from '../manager/console/staff-context';
import { createManagerRouter } from './manager-router';
import { createQueryClient } from './query-client';

export type ManagerConsoleProps = {
  /**
   * The query cache; by default one of its own. The app keys the console by the lock
   * generation, so every lock drops it and the next console starts with an empty one.
   */
  queryClient?: QueryClient;
  initialPath?: string;
};

/** The core wants to hear now and then that someone is at the desk, not on every key press. */
export const STAFF_ACTIVITY_INTERVAL_MS = 15_000;
const activityEvents = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Manager mode: the staff session's screens until someone is signed in, then the console.
 * Whenever the session leaves "signed in" (lock, sign-out, expiry) the pages unmount and the
 * query cache is emptied, so nothing a page loaded about a resident stays in the renderer; the
 * next sign-in or unlock builds the router afresh at the overview.
 */
export function ManagerConsole({ queryClient: given, initialPath }: ManagerConsoleProps): JSX.Element {
  const api = useKiot();
  const i18n = useI18nInstance();
  // The console's strings came with its chunk; they are in place before anything renders.
  useState(() => addConsoleResources(i18n));
  const [queryClient] = useState(() => given ?? createQueryClient());
  const t = useT();
  const [view, setView] = useState<StaffView | null>(null);
  const [generation, setGeneration] = useState(0);
  const wasSignedIn = useRef(false);

  const apply = useCallback(
    (next: StaffView) => {
      const signedIn = next.state === 'signedIn';
      if (!signedIn) queryClient.clear();
      if (wasSignedIn.current && !signedIn) setGeneration((g) => g + 1);
      wasSignedIn.current = signedIn;
      setView(next);
    },
    [queryClient],
  );

  useEffect(() => {
    let current = true;
    const unsubscribe = api.onStaffChanged((next) => {
      if (current) apply(next);
    });
    void safeCall(() => api.staff.get({})).then((result) => {
      if (current && result.ok) apply(result.value);
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api, apply]);

  const signedIn = view?.state === 'signedIn';
  useEffect(() => {
    if (!signedIn) return undefined;
    const throttle = createThrottle(STAFF_ACTIVITY_INTERVAL_MS);
    const onActivity = (): void => throttle(() => void safeCall(() => api.staff.activity({})));
    for (const type of activityEvents) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of activityEvents) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [api, signedIn]);

  if (view === null) {
    return (
      <p className="screen-center info-text" role="status">
        {t('common:loading')}
      </p>
    );
  }
  if (view.state !== 'signedIn' || view.staff === null) {
    return (
      <QueryClientProvider client={queryClient}>
        <StaffGate view={view} onView={apply} />
      </QueryClientProvider>
    );
  }
  return <SignedInConsole key={generation} staff={view.staff} queryClient={queryClient} initialPath={initialPath} />;
}

function SignedInConsole({ staff, queryClient, initialPath }: { staff: StaffMember; queryClient: QueryClient; initialPath: string | undefined }): JSX.Element {
  const [router] = useState(() => createManagerRouter({ initialPath }));
  return (
    <QueryClientProvider client={queryClient}>
      <StaffProvider staff={staff}>
        <RouterProvider router={router} />
      </StaffProvider>
    </QueryClientProvider>
  );
}
