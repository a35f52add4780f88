import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

/** Classes put on the document root while a mode is on; styles.css scales or lowers the screen by them. */
export const LARGE_TEXT_CLASS = 'kiot-large-text';
export const REACH_CLASS = 'kiot-reach';

/** Takes both modes off the document root (every lock does, whatever React still holds). */
export function clearDisplayModes(root: HTMLElement = document.documentElement): void {
  root.classList.remove(LARGE_TEXT_CLASS, REACH_CLASS);
}

type Modes = {
  largeText: boolean;
  reach: boolean;
  toggleLargeText(): void;
  toggleReach(): void;
};

const DisplayModesContext = createContext<Modes | null>(null);

/**
 * Holds one visit's display modes. The kiosk shell is mounted afresh on every lock, so the
 * next person always starts with both modes off; unmounting also takes the classes off.
 */
export function DisplayModesProvider({ children }: { children: ReactNode }): JSX.Element {
  const [largeText, setLargeText] = useState(false);
  const [reach, setReach] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle(LARGE_TEXT_CLASS, largeText);
    root.classList.toggle(REACH_CLASS, reach);
  }, [largeText, reach]);
  useEffect(() => () => clearDisplayModes(), []);
  const value = useMemo<Modes>(
    () => ({ largeText, reach, toggleLargeText: () => setLargeText((v) => !v), toggleReach: () => setReach((v) => !v) }),
    [largeText, reach],
  );
  return <DisplayModesContext.Provider value={value}>{children}</DisplayModesContext.Provider>;
}

/**
 * Two one-tap switches shown low on every kiosk screen: larger text (type and controls
 * scaled up) and reach (the whole screen lowered into the bottom half, for a resident in a
 * wheelchair). Each is a pressed/not-pressed button whose accessible name is its visible words.
 */
export function DisplayModes(): JSX.Element | null {
  const t = useT();
  const modes = useContext(DisplayModesContext);
  if (!modes) return null;
  return (
    <div className="display-modes" role="group" aria-label={t('common:displayModes.group')} data-testid="display-modes">
      <button type="button" className="display-mode" aria-pressed={modes.largeText} data-testid="mode-large-text" onClick={modes.toggleLargeText}>
        <span className="display-mode-icon" aria-hidden="true">
          A+
        </span>
        {t('common:displayModes.largeText')}
      </button>
      <button type="button" className="display-mode" aria-pressed={modes.reach} data-testid="mode-reach" onClick={modes.toggleReach}>
        <span className="display-mode-icon" aria-hidden="true">
          ⤓
        </span>
        {t('common:displayModes.reach')}
      </button>
    </div>
  );
}
