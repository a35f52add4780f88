import { useEffect, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { telexKey } from './telex';
import { applyModifier, applyTone, deleteLast, insertText, keyTestId, letterModifiers, modifierKeyIds, startsWord, tones } from './text-keyboard';
import type { LetterModifier, Tone } from './text-keyboard';

/**
 * `telex`: a plain QWERTY keyboard whose keys go through the Telex engine (`telex.ts`).
 * `marks`: the same letters with keys for the tones and the marked letters, for residents who
 * do not know Telex. `email`: lower case, digits, `@ . _ -` and address endings, no Telex.
 */
export type KeyboardLayout = 'telex' | 'marks' | 'email';
export const keyboardLayouts: readonly KeyboardLayout[] = ['telex', 'marks', 'email'];

export type TextKeyboardProps = {
  value: string;
  onChange(value: string): void;
  /** The layout shown first; the resident can switch with the keys on the top row. */
  initialLayout: KeyboardLayout;
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
  sac: 'keyboard:tone.sac',
  huyen: 'keyboard:tone.huyen',
  hoi: 'keyboard:tone.hoi',
  nga: 'keyboard:tone.nga',
  nang: 'keyboard:tone.nang',
} as const satisfies Record<Tone, string>;
const layoutKeys = {
  telex: 'keyboard:layout.telex',
  marks: 'keyboard:layout.marks',
  email: 'keyboard:layout.email',
} as const satisfies Record<KeyboardLayout, string>;
const groupLabels = {
  telex: 'keyboard:labelTelex',
  marks: 'keyboard:label',
  email: 'keyboard:labelEmail',
} as const satisfies Record<KeyboardLayout, string>;
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

// A key is named by the words it shows (its icon hidden), so a resident who says what they see
// to voice control names the key (WCAG 2.5.3); only keys showing a single symbol or letter
// have a label, which contains it.
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
 * The on-screen keyboard for names, addresses and email addresses, the only way to type on
 * the kiosk (no field opens the operating system's keyboard). It types at the end of `value`
 * (there is no cursor; delete and clear are the way back). Three layouts, switched by the keys
 * on its top row: Telex, diacritic keys, email.
 */
export function TextKeyboard({ value, onChange, initialLayout, maxLength, capitalizeWords = false, disabled = false, hardwareKeys = true }: TextKeyboardProps): JSX.Element {
  const t = useT();
  const [layout, setLayout] = useState<KeyboardLayout>(initialLayout);
  const [layer, setLayer] = useState<'letters' | 'symbols'>('letters');
  // null: follow `capitalizeWords`; otherwise what the resident chose with shift, for one letter.
  const [shiftChoice, setShiftChoice] = useState<boolean | null>(null);
  // "Clear all" asks first: one stray tap must not lose a whole address.
  const [confirmingClear, setConfirmingClear] = useState(false);
  const words = layout !== 'email';
  const shift = words && (shiftChoice ?? (capitalizeWords && startsWord(value)));
  const full = maxLength !== undefined && [...value].length >= maxLength;

  const change = (next: string): void => {
    setConfirmingClear(false);
    if (next !== value) onChange(next);
  };
  const typeChar = (text: string): string => (layout === 'telex' ? telexKey(value, text, maxLength) : insertText(value, text, maxLength));
  const type = (text: string): void => {
    change(layout === 'telex' && text.length === 1 ? typeChar(text) : insertText(value, text, maxLength));
    setShiftChoice(null);
  };
  const typeLetter = (letter: string): void => type(shift ? letter.toUpperCase() : letter);
  const modify = (modifier: LetterModifier): void => {
    change(applyModifier(value, modifier, { upper: shift, ...(maxLength !== undefined ? { maxLength } : {}) }));
    setShiftChoice(null);
  };
  const remove = (): void => change(deleteLast(value));
  const switchTo = (next: KeyboardLayout): void => {
    setConfirmingClear(false);
    setLayout(next);
    setLayer('letters');
    setShiftChoice(null);
  };

  useEffect(() => {
    if (disabled || !hardwareKeys) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      if (event.key === 'Backspace') change(deleteLast(value));
      else if (event.key.length === 1 && !(layout === 'email' && event.key === ' ')) change(typeChar(layout === 'email' ? event.key.toLowerCase() : event.key));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const charKey = (ch: string, opts: { grow?: number } = {}): JSX.Element => {
    const shown = words && shift ? ch.toUpperCase() : ch;
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
    <Key testId="key-delete" grow={1.6} className="tk-action tk-delete" disabled={disabled || value === ''} onPress={remove}>
      <span aria-hidden="true">⌫</span> {t('keyboard:delete')}
    </Key>
  );

  const top = confirmingClear ? (
    <div key="top" className="tk-row tk-confirm" role="group" aria-labelledby="tk-confirm-question">
      <p id="tk-confirm-question" className="tk-confirm-question">
        {t('keyboard:clearQuestion')}
      </p>
      <Key testId="key-clear-no" grow={1.4} className="tk-action" disabled={disabled} onPress={() => setConfirmingClear(false)}>
        {t('keyboard:clearNo')}
      </Key>
      <Key testId="key-clear-yes" grow={1.4} className="tk-clear" disabled={disabled} onPress={() => change('')}>
        <span aria-hidden="true">✕</span> {t('keyboard:clearYes')}
      </Key>
    </div>
  ) : (
    <div key="top" className="tk-row tk-top">
      <div className="tk-layouts" role="group" aria-label={t('keyboard:layoutsLabel')}>
        {keyboardLayouts.map((choice) => (
          <Key key={choice} testId={`key-layout-${choice}`} pressed={layout === choice} className="tk-layout" disabled={disabled} onPress={() => switchTo(choice)}>
            {t(layoutKeys[choice])}
          </Key>
        ))}
      </div>
      <Key testId="key-clear" className="tk-clear" disabled={disabled || value === ''} onPress={() => setConfirmingClear(true)}>
        <span aria-hidden="true">✕</span> {t('keyboard:clear')}
      </Key>
    </div>
  );

  const rows: JSX.Element[] = [top];
  if (layout === 'telex') {
    rows.push(
      <p key="hint" className="tk-hint" data-testid="telex-hint">
        {t('keyboard:telexHint')}
      </p>,
    );
  }
  if (layout === 'marks') {
    rows.push(
      <div key="tones" className="tk-row tk-row-marks" role="group" aria-label={t('keyboard:tonesLabel')}>
        {tones.map((tone) => (
          <Key key={tone} testId={`key-tone-${tone}`} className="tk-mark" disabled={disabled || value === ''} onPress={() => change(applyTone(value, tone))}>
            <span className="tk-sample" aria-hidden="true">
              {toneSamples[tone]}
            </span>
            <span className="tk-name">{t(toneKeys[tone])}</span>
          </Key>
        ))}
      </div>,
      <div key="modifiers" className="tk-row tk-row-marks" role="group" aria-label={t('keyboard:lettersLabel')}>
        {letterModifiers.map((modifier) => (
          <Key key={modifier} testId={modifierKeyIds[modifier]} label={t('keyboard:letterLabel', { letter: shift ? modifier.toUpperCase() : modifier })} className="tk-mark" disabled={disabled} onPress={() => modify(modifier)}>
            {shift ? modifier.toUpperCase() : modifier}
          </Key>
        ))}
      </div>,
    );
  }
  if (words) {
    if (layer === 'letters') {
      rows.push(
        <div key="l1" className="tk-row">
          {[...letterRows[0]].map((ch) => charKey(ch))}
        </div>,
        <div key="l2" className="tk-row tk-row-indent">
          {[...letterRows[1]].map((ch) => charKey(ch))}
        </div>,
        <div key="l3" className="tk-row">
          <Key testId="key-shift" pressed={shift} grow={1.6} className="tk-action" disabled={disabled} onPress={() => setShiftChoice(!shift)}>
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
        {layer === 'letters' ? (
          <Key testId="key-layer" grow={1.6} className="tk-action" disabled={disabled} onPress={() => setLayer('symbols')}>
            {t('keyboard:toSymbols')}
          </Key>
        ) : (
          <Key testId="key-layer" grow={1.6} className="tk-action" disabled={disabled} onPress={() => setLayer('letters')}>
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
    const ending = (testId: string, text: string, label: string, needsAt: boolean, grow: number): JSX.Element => (
      <Key testId={testId} label={label} grow={grow} className="tk-action" disabled={disabled || full || (needsAt ? !hasAt : hasAt || value === '')} onPress={() => type(text)}>
        {text}
      </Key>
    );
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
        {['@', '.', '_', '-'].map((ch) => charKey(ch))}
        {ending('key-dotvn', '.vn', t('keyboard:symbol.dotVn'), true, 1.3)}
        {ending('key-dotcom', '.com', t('keyboard:symbol.dotCom'), true, 1.6)}
        {ending('key-gmail', '@gmail.com', t('keyboard:symbol.gmail'), false, 2.8)}
      </div>,
    );
  }

  return (
    <div className={`text-keyboard text-keyboard-${layout}`} role="group" aria-label={t(groupLabels[layout])} data-layout={layout} data-testid="text-keyboard">
      {rows}
      <p className="tk-status" aria-live="polite">
        {full ? t('keyboard:full', { max: maxLength }) : ''}
      </p>
    </div>
  );
}
