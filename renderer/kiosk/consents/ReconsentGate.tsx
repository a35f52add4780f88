import type { JSX, ReactNode } from 'react';

/**
 * Placeholder: when the policy changed a purpose or a recipient since the resident's last
 * choice, this will ask them to review it before anything else.
 */
export function ReconsentGate({ children }: { children: ReactNode }): JSX.Element {
  return <>{children}</>;
}
