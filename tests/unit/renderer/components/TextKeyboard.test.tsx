// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { JSX } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TextKeyboard } from '../../../../renderer/components/TextKeyboard';
import type { TextKeyboardProps } from '../../../../renderer/components/TextKeyboard';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';

afterEach(cleanup);

type Shown = Omit<TextKeyboardProps, 'value' | 'onChange'> & { initial?: string };

function Field(props: Shown): JSX.Element {
  const { initial = '', ...rest } = props;
  const [value, setValue] = useState(initial);
  return (
    <>
      <output data-testid="field">{value}</output>
      <TextKeyboard value={value} onChange={setValue} {...rest} />
    </>
  );
}

function show(props: Shown, locale: 'vi' | 'en' = 'vi'): void {
  render(
    <I18nProvider i18n={createI18n(locale)}>
      <Field {...props} />
    </I18nProvider>,
  );
}

const tap = (...ids: string[]): void => {
  for (const id of ids) fireEvent.click(screen.getByTestId(id));
};
/** Taps the letter keys of `keys` one by one (a space is the space key). */
const tapLetters = (keys: string): void => tap(...[...keys].map((ch) => (ch === ' ' ? 'key-space' : `key-${ch}`)));
const field = (): string => screen.getByTestId('field').textContent ?? '';

describe('the on-screen text keyboard', () => {
  it('writes Vietnamese from plain letters in the Telex layout, with capitals at the start of each word', () => {
    show({ initialLayout: 'telex', capitalizeWords: true });
    expect(screen.queryByTestId('key-tone-sac')).toBeNull();
    expect(screen.getByTestId('key-layout-telex').getAttribute('aria-pressed')).toBe('true');
    tapLetters('nguyeenx thij lan');
    expect(field()).toBe('Nguyễn Thị Lan');
    tapLetters(' ddaof');
    expect(field()).toBe('Nguyễn Thị Lan Đào');
  });

  it('types Vietnamese with the tone and letter keys in the diacritic layout', () => {
    show({ initialLayout: 'marks', capitalizeWords: true });
    tap('key-n', 'key-g', 'key-u', 'key-y', 'key-e', 'key-n', 'key-mod-ee', 'key-tone-nga', 'key-space', 'key-t', 'key-h', 'key-i', 'key-tone-nang');
    expect(field()).toBe('Nguyễn Thị');
    tap('key-delete');
    expect(field()).toBe('Nguyễn Th');
  });

  it('switches between the three layouts with the keys on its top row, keeping the text', () => {
    show({ initialLayout: 'telex' });
    tapLetters('hoaf');
    tap('key-layout-marks');
    expect(screen.getByTestId('text-keyboard').dataset['layout']).toBe('marks');
    expect(screen.getByTestId('key-layout-marks').getAttribute('aria-pressed')).toBe('true');
    // In the diacritic layout a letter is only a letter: no Telex.
    tapLetters(' as');
    expect(field()).toBe('hòa as');
    tap('key-layout-email');
    expect(screen.queryByTestId('key-shift')).toBeNull();
    const at = screen.getByTestId('key-at');
    expect(at).toBeVisible();
    expect(at.textContent).toBe('@');
    tap('key-layout-telex');
    tapLetters(' as');
    expect(field()).toBe('hòa as á');
  });

  it('asks before clearing everything, and keeps the text when the resident says no', () => {
    show({ initialLayout: 'telex', initial: 'Lê Lợi' });
    const clear = screen.getByTestId('key-clear');
    const backspace = screen.getByTestId('key-delete');
    // Told apart by more than their words: a different colour class, icon and place.
    expect(clear.className).toContain('tk-clear');
    expect(backspace.className).toContain('tk-delete');
    expect(clear.textContent).toContain('✕');
    expect(backspace.textContent).toContain('⌫');
    tap('key-clear');
    // The question names the pair of keys that answer it.
    expect(screen.getByRole('group', { name: 'Xóa hết những gì đã gõ?' })).toBeVisible();
    tap('key-clear-no');
    expect(field()).toBe('Lê Lợi');
    tap('key-clear', 'key-clear-yes');
    expect(field()).toBe('');
    expect(screen.getByTestId('key-clear').hasAttribute('disabled')).toBe(true);
  });

  it('forgets a pending clear when another key is tapped', () => {
    show({ initialLayout: 'telex', initial: 'Lan' });
    tap('key-clear');
    expect(screen.queryByTestId('key-layout-telex')).toBeNull();
    tap('key-a');
    expect(screen.getByTestId('key-layout-telex')).toBeVisible();
    expect(field()).toBe('Lana');
  });

  it('lets the resident turn a capital off with shift, and shows the keys in upper case while it is on', () => {
    show({ initialLayout: 'telex', capitalizeWords: true });
    expect(screen.getByTestId('key-shift').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('key-a').textContent).toBe('A');
    tap('key-shift', 'key-a');
    expect(field()).toBe('a');
    expect(screen.getByTestId('key-shift').getAttribute('aria-pressed')).toBe('false');
  });

  it('switches to digits and symbols and back', () => {
    show({ initialLayout: 'telex', initial: 'Số ' });
    expect(screen.queryByTestId('key-1')).toBeNull();
    tap('key-layer', 'key-1', 'key-2', 'key-slash', 'key-3', 'key-layer', 'key-a');
    expect(field()).toBe('Số 12/3a');
  });

  it('in the email layout, types lower case without Telex, with the address endings, and one @ only', () => {
    show({ initialLayout: 'email' });
    expect(screen.queryByTestId('key-tone-sac')).toBeNull();
    expect(screen.queryByTestId('key-space')).toBeNull();
    expect(screen.getByTestId('key-dotvn').hasAttribute('disabled')).toBe(true);
    tap('key-l', 'key-a', 'key-n', 'key-dot', 'key-n', 'key-g', 'key-u', 'key-y', 'key-e', 'key-e', 'key-n', 'key-s', 'key-7', 'key-gmail');
    expect(field()).toBe('lan.nguyeens7@gmail.com');
    expect(screen.getByTestId('key-at').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('key-gmail').hasAttribute('disabled')).toBe(true);
    cleanup();
    show({ initialLayout: 'email', initial: 'lan@example' });
    tap('key-dotvn');
    expect(field()).toBe('lan@example.vn');
  });

  it('stops at the maximum length and says so', () => {
    show({ initialLayout: 'telex', maxLength: 3 });
    tap('key-a', 'key-b', 'key-c');
    expect(screen.getByTestId('key-d').hasAttribute('disabled')).toBe(true);
    // Shown, and announced: the status line is a polite live region.
    const status = screen.getByText('Đã đủ 3 ký tự, không gõ thêm được.');
    expect(status).toBeVisible();
    expect(status.getAttribute('aria-live')).toBe('polite');
  });

  it('names every key with words that contain what it shows, in the resident’s language', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const layout of ['telex', 'marks', 'email'] as const) {
        show({ initialLayout: layout, initial: 'a@b' }, locale);
        for (const key of screen.getByTestId('text-keyboard').querySelectorAll('button')) {
          const visible = [...key.childNodes]
            .filter((node) => !(node instanceof HTMLElement && node.getAttribute('aria-hidden') === 'true'))
            .map((node) => node.textContent ?? '')
            .join('')
            .trim();
          const name = key.getAttribute('aria-label') ?? visible;
          // Single symbols (@, .) are named in words; a key showing words has them in its name (WCAG 2.5.3).
          if (/\p{L}{2,}|\d/u.test(visible)) expect(name.toLowerCase().includes(visible.toLowerCase()), `${locale} ${layout}: "${visible}" / "${name}"`).toBe(true);
        }
        cleanup();
      }
    }
    show({ initialLayout: 'marks' }, 'en');
    expect(screen.getByRole('group', { name: 'Letter keyboard with accent keys' })).toBe(screen.getByTestId('text-keyboard'));
    expect(screen.getByRole('button', { name: 'Huyền' })).toBe(screen.getByTestId('key-tone-huyen'));
    expect(screen.getByRole('button', { name: 'Delete' })).toBe(screen.getByTestId('key-delete'));
    expect(screen.getByRole('button', { name: 'Accents' })).toBe(screen.getByTestId('key-layout-marks'));
    cleanup();
    show({ initialLayout: 'marks' }, 'vi');
    expect(screen.getByRole('button', { name: 'Huyền' })).toBe(screen.getByTestId('key-tone-huyen'));
    expect(screen.getByRole('button', { name: 'Xóa hết' })).toBe(screen.getByTestId('key-clear'));
    expect(screen.getByRole('button', { name: 'Chữ đ' })).toBe(screen.getByTestId('key-mod-dd'));
    expect(screen.getByRole('button', { name: 'Dấu' })).toBe(screen.getByTestId('key-layout-marks'));
  });

  it('takes typing from a hardware keyboard too, through Telex in the Telex layout', () => {
    show({ initialLayout: 'email' });
    for (const key of ['A', 'n', '@', 'Backspace', '1']) fireEvent.keyDown(window, { key });
    expect(field()).toBe('an1');
    cleanup();
    show({ initialLayout: 'telex' });
    for (const key of ['D', 'D', 'a', 'o', 'f']) fireEvent.keyDown(window, { key });
    expect(field()).toBe('Đào');
  });
});
