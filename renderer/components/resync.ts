import { createContext, useContext } from 'react';

/**
 * Re-reads the session from the main process. Screens call it when a result says
 * `wrong_state`: the renderer is showing a step the main process has left (a missed event),
 * and the screen should follow the main process rather than insist.
 */
export const ResyncContext = createContext<() => void>(() => {});

export function useResync(): () => void {
  return useContext(ResyncContext);
}
