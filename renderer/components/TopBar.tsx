import type { JSX } from 'react';
import { LanguageToggle } from './LanguageToggle';

export type TopBarProps = {
  buildingName: string | null;
  /** The language choice here too (start-up and error screens); the kiosk's screens place it low instead. */
  language?: boolean;
};

/** The strip at the top of every screen: where you are (and, outside the kiosk's screens, the language). */
export function TopBar({ buildingName, language = true }: TopBarProps): JSX.Element {
  return (
    <header className="top-bar">
      <span className="top-bar-building">{buildingName ?? ''}</span>
      {language ? <LanguageToggle /> : null}
    </header>
  );
}
