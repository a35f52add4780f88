import type { JSX } from 'react';
import { LanguageToggle } from './LanguageToggle';

/** The strip at the top of every screen: where you are, and the language toggle. */
export function TopBar({ buildingName }: { buildingName: string | null }): JSX.Element {
  return (
    <header className="top-bar">
      <span className="top-bar-building">{buildingName ?? ''}</span>
      <LanguageToggle />
    </header>
  );
}
