import { useEffect, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { applyModifier, applyTone, deleteLast, insertText, keyTestId, letterModifiers, modifierKeyIds, startsWord, tones } from './text-keyboard';
import type { LetterModifier, Tone } from './text-keyboard';

export type TextKeyboardProps = {
  value: string;
  onChange(value: string): void;
  /** `text`: names and addresses, with Vietnamese marks. `email`: lower case, digits and @ . _ - always shown. */
  layout: 'text' | 'email';
  maxLength?: number;
  /** Names: a capital at the start of every word unless the resident turns it off with shift. */
  capitalizeWords?: boolean;
  disabled?: boolean;
  /** A hardware keyboard (IT's, a test driver's) types too; off where two keyboards share a screen. */
  hardwareKeys?: boolean;
};

const letterRows = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
const digitRow = '1234567890';
const symbolRows = ['-/:;()&@"\'', '.,?!#+'] as const;
const toneSamples: Record<Tone, string> = { sac: 'á', huyen: 'à', hoi: 'ả', nga: 'ã', nang: 'ạ' };
// Written out so the key scan of the translation tests sees every key.
const toneKeys = {
  sac: { text: 'keyboard:tone.sac', label: 'keyboard:toneLabel.sac' },
  huyen: { text: 'keyboard:tone.huyen', label: 'keyboard:toneLabel.huyen' },
  hoi: { text: 'keyboard:tone.hoi', label: 'keyboard:toneLabel.hoi' },
  nga: { text: 'keyboard:tone.nga', label: 'keyboard:toneLabel.nga' },
  nang: { text: 'keyboard:tone.nang', label: 'keyboard:toneLabel.nang' },
} as const satisfies Record<Tone, { text: string; label: string }>;
const namedSymbols = {
  '@': 'keyboard:symbol.at',
  '.': 'keyboard:symbol.dot',
  _: 'keyboard:symbol.underscore',
  '-': 'keyboard:symbol.dash',
  ',': 'keyboard:symbol.comma',
  '/': 'keyboard:symbol.slash',
} as const;
const isNamedSymbol = (ch: string): ch is keyof typeof namedSymbols => Object.hasOwn(namedSymbols, ch);

type KeyProps = { testId: string; label?: string; pressed?: boolean; grow?: number; className?: string; disabled: boolean; onPress(): void; children: ReactNode };

function Key({ testId, label, pressed, grow = 1, className = '', disabled, onPress, children }: KeyProps): JSX.Element {
  return (
    <button
      type="button"
      className={`tk-key ${className}`}
      style={{ flexGrow: grow }}
      data-testid={testId}
      aria-label={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Acting on pointer down would make a finger sliding across the screen type; click is the tap.
      onClick={onPress}
    >
      {children}
    </button>
  );
}

/**
 * The on-screen keyboard for names, addresses and email addresses. It types at the end of
 * `value` (there is no cursor; delete and clear are the way back); the Vietnamese rules for
 * tones and letter marks are in `text-keyboard.ts`.
 */
export function TextKeyboard({ value, onChange, layout, maxLength, capitalizeWords = false, disabled = false, hardwareKeys = true }: TextKeyboardProps): JSX.Element {
  const t = useT();
  const [layer, setLayer] = useState<'letters' | 'symbols'>('letters');
  // null: follow `capitalizeWords`; otherwise what the resident chose with shift, for one letter.
  const [shiftChoice, setShiftChoice] = useState<boolean | null>(null);
  const shift = layout === 'text' && (shiftChoice ?? (capitalizeWords && startsWord(value)));
  const full = maxLength !== undefined && [...value].length >= maxLength;

  const change = (next: string): void => {
    if (next !== value) onChange(next);
  };
  const type = (text: string): void => {
    change(insertText(value, text, maxLength));
    setShiftChoice(null);
  };
  const typeLetter = (letter: string): void => type(shift ? letter.toUpperCase() : letter);
  const modify = (modifier: LetterModifier): void => {
    change(applyModifier(value, modifier, { upper: shift, ...(maxLength !== undefined ? { maxLength } : {}) }));
    setShiftChoice(null);
  };
  const remove = (): void => change(deleteLast(value));
  const clear = (): void => change('');

  useEffect(() => {
    if (disabled || !hardwareKeys) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (event.key === 'Backspace') change(deleteLast(value));
      else if (event.key.length === 1 && !(layout === 'email' && event.key === ' ')) change(insertText(value, layout === 'email' ? event.key.toLowerCase() : event.key, maxLength));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const charKey = (ch: string, opts: { grow?: number } = {}): JSX.Element => {
    const shown = layout === 'text' && shift ? ch.toUpperCase() : ch;
    const label = isNamedSymbol(ch) ? t(namedSymbols[ch]) : undefined;
    const onPress = /\p{L}/u.test(ch) ? () => typeLetter(ch) : () => type(ch);
    const blocked = full || (layout === 'email' && ch === '@' && value.includes('@'));
    return (
      <Key key={ch} testId={keyTestId(ch)} {...(label !== undefined ? { label } : {})} disabled={disabled || blocked} onPress={onPress} {...(opts.grow !== undefined ? { grow: opts.grow } : {})}>
        {shown}
      </Key>
    );
  };

  const deleteKey = (
    <Key testId="key-delete" label={t('keyboard:deleteLabel')} grow={1.6} className="tk-action" disabled={disabled || value === ''} onPress={remove}>
      <span aria-hidden="true">⌫</span> {t('keyboard:delete')}
    </Key>
  );
  const clearKey = (
    <Key testId="key-clear" label={t('keyboard:clearLabel')} grow={1.6} className="tk-action" disabled={disabled || value === ''} onPress={clear}>
      {t('keyboard:clear')}
    </Key>
  );

  const rows: JSX.Element[] = [];
  if (layout === 'text') {
    rows.push(
      <div key="tones" className="tk-row tk-row-marks" role="group" aria-label={t('keyboard:tonesLabel')}>
        {tones.map((tone) => (
          <Key key={tone} testId={`key-tone-${tone}`} label={t(toneKeys[tone].label)} className="tk-mark" disabled={disabled || value === ''} onPress={() => change(applyTone(value, tone))}>
            <span className="tk-sample" aria-hidden="true">
              {toneSamples[tone]}
            </span>
            <span className="tk-name">{t(toneKeys[tone].text)}</span>
          </Key>
        ))}
      </div>,
      <div key="modifiers" className="tk-row tk-row-marks" role="group" aria-label={t('keyboard:lettersLabel')}>
        {letterModifiers.map((modifier) => (
          <Key key={modifier} testId={modifierKeyIds[modifier]} label={t('keyboard:letterLabel', { letter: modifier })} className="tk-mark" disabled={disabled} onPress={() => modify(modifier)}>
            {shift ? modifier.toUpperCase() : modifier}
          </Key>
        ))}
      </div>,
    );
    if (layer === 'letters') {
      rows.push(
        <div key="l1" className="tk-row">
          {[...letterRows[0]].map((ch) => charKey(ch))}
        </div>,
        <div key="l2" className="tk-row tk-row-indent">
          {[...letterRows[1]].map((ch) => charKey(ch))}
        </div>,
        <div key="l3" className="tk-row">
          <Key testId="key-shift" label={t('keyboard:shiftLabel')} pressed={shift} grow={1.6} className="tk-action" disabled={disabled} onPress={() => setShiftChoice(!shift)}>
            <span aria-hidden="true">⇧</span> {t('keyboard:shift')}
          </Key>
          {[...letterRows[2]].map((ch) => charKey(ch))}
          {deleteKey}
        </div>,
      );
    } else {
      rows.push(
        <div key="d" className="tk-row">
          {[...digitRow].map((ch) => charKey(ch))}
        </div>,
        <div key="s1" className="tk-row">
          {[...symbolRows[0]].map((ch) => charKey(ch))}
        </div>,
        <div key="s2" className="tk-row">
          {[...symbolRows[1]].map((ch) => charKey(ch))}
          {deleteKey}
        </div>,
      );
    }
    rows.push(
      <div key="bottom" className="tk-row">
        {clearKey}
        {layer === 'letters' ? (
          <Key testId="key-layer" label={t('keyboard:toSymbolsLabel')} grow={1.6} className="tk-action" disabled={disabled} onPress={() => setLayer('symbols')}>
            {t('keyboard:toSymbols')}
          </Key>
        ) : (
          <Key testId="key-layer" label={t('keyboard:toLettersLabel')} grow={1.6} className="tk-action" disabled={disabled} onPress={() => setLayer('letters')}>
            {t('keyboard:toLetters')}
          </Key>
        )}
        {layer === 'letters' && charKey(',')}
        <Key testId="key-space" grow={4} className="tk-space" disabled={disabled || full || value === '' || value.endsWith(' ')} onPress={() => type(' ')}>
          {t('keyboard:space')}
        </Key>
        {layer === 'letters' && charKey('.')}
      </div>,
    );
  } else {
    const hasAt = value.includes('@');
    rows.push(
      <div key="d" className="tk-row">
        {[...digitRow].map((ch) => charKey(ch))}
      </div>,
      <div key="l1" className="tk-row">
        {[...letterRows[0]].map((ch) => charKey(ch))}
      </div>,
      <div key="l2" className="tk-row tk-row-indent">
        {[...letterRows[1]].map((ch) => charKey(ch))}
      </div>,
      <div key="l3" className="tk-row">
        {[...letterRows[2]].map((ch) => charKey(ch))}
        {deleteKey}
      </div>,
      <div key="sym" className="tk-row">
        {clearKey}
        {['@', '.', '_', '-'].map((ch) => charKey(ch))}
        <Key testId="key-dotcom" label={t('keyboard:symbol.dotCom')} grow={1.6} className="tk-action" disabled={disabled || full || !hasAt} onPress={() => type('.com')}>
          .com
        </Key>
        <Key testId="key-gmail" label={t('keyboard:symbol.gmail')} grow={2.6} className="tk-action" disabled={disabled || full || hasAt || value === ''} onPress={() => type('@gmail.com')}>
          @gmail.com
        </Key>
      </div>,
    );
  }

  return (
    <div className={`text-keyboard text-keyboard-${layout}`} role="group" aria-label={t(layout === 'email' ? 'keyboard:labelEmail' : 'keyboard:label')}>
      {rows}
      <p className="tk-status" aria-live="polite">
        {full ? t('keyboard:full', { max: maxLength }) : ''}
      </p>
    </div>
  );
}
