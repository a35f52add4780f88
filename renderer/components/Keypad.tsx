import { useEffect } from 'react';
import type { JSX } from 'react';
import { useT } from '../i18n/I18nProvider';

const digitRows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

export type KeypadProps = {
  onDigit(digit: string): void;
  onDelete(): void;
  onClear(): void;
  disabled?: boolean;
};

/**
 * The on-screen number pad of the phone and code screens. A hardware keyboard (IT's, or a
 * test driver's) works too, through the same callbacks.
 */
export function Keypad({ onDigit, onDelete, onClear, disabled = false }: KeypadProps): JSX.Element {
  const t = useT();

  useEffect(() => {
    if (disabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (/^\d$/.test(event.key)) onDigit(event.key);
      else if (event.key === 'Backspace') onDelete();
      else if (event.key === 'Escape') onClear();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, onDigit, onDelete, onClear]);

  const digitKey = (digit: string): JSX.Element => (
    <button key={digit} type="button" className="key" data-testid={`keypad-${digit}`} disabled={disabled} onClick={() => onDigit(digit)}>
      {digit}
    </button>
  );

  return (
    <div className="keypad" role="group" aria-label={t('common:keypad.label')}>
      {digitRows.map((row) => row.map(digitKey))}
      <button type="button" className="key key-action" data-testid="keypad-clear" aria-label={t('common:keypad.clearLabel')} disabled={disabled} onClick={onClear}>
        {t('common:keypad.clear')}
      </button>
      {digitKey('0')}
      <button type="button" className="key key-action" data-testid="keypad-delete" aria-label={t('common:keypad.deleteLabel')} disabled={disabled} onClick={onDelete}>
        <span aria-hidden="true">⌫</span> {t('common:keypad.delete')}
      </button>
    </div>
  );
}
