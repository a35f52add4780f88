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

function Field(props: Omit<TextKeyboardProps, 'value' | 'onChange'> & { initial?: string }): JSX.Element {
  const { initial = '', ...rest } = props;
  const [value, setValue] = useState(initial);
  return (
    <>
      <output data-testid="field">{value}</output>
      <TextKeyboard value={value} onChange={setValue} {...rest} />
    </>
  );
}

function show(props: Omit<TextKeyboardProps, 'value' | 'onChange'> & { initial?: string }, locale: 'vi' | 'en' = 'vi'): void {
  render(
    <I18nProvider i18n={createI18n(locale)}>
      <Field {...props} />
    </I18nProvider>,
  );
}

const tap = (...ids: string[]): void => {
  for (const id of ids) fireEvent.click(screen.getByTestId(id));
};
const field = (): string => screen.getByTestId('field').textContent ?? '';

describe('the on-screen text keyboard', () => {
  it('types a Vietnamese name with capitals, marks and tones', () => {
    show({ layout: 'text', capitalizeWords: true });
    tap('key-n', 'key-g', 'key-u', 'key-y', 'key-e', 'key-n', 'key-mod-ee', 'key-tone-nga', 'key-space', 'key-t', 'key-h', 'key-i', 'key-tone-nang');
    expect(field()).toBe('Nguyễn Thị');
    tap('key-delete');
    expect(field()).toBe('Nguyễn Th');
    tap('key-clear');
    expect(field()).toBe('');
  });

  it('lets the resident turn a capital off with shift, and shows the keys in upper case while it is on', () => {
    show({ layout: 'text', capitalizeWords: true });
    expect(screen.getByTestId('key-shift').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('key-a').textContent).toBe('A');
    tap('key-shift', 'key-a');
    expect(field()).toBe('a');
    expect(screen.getByTestId('key-shift').getAttribute('aria-pressed')).toBe('false');
  });

  it('switches to digits and symbols and back', () => {
    show({ layout: 'text', initial: 'Số ' });
    expect(screen.queryByTestId('key-1')).toBeNull();
    tap('key-layer', 'key-1', 'key-2', 'key-slash', 'key-3', 'key-layer', 'key-a');
    expect(field()).toBe('Số 12/3a');
  });

  it('in the email layout, types lower case with the address shortcuts, and allows one @ only', () => {
    show({ layout: 'email' });
    expect(screen.queryByTestId('key-tone-sac')).toBeNull();
    expect(screen.queryByTestId('key-space')).toBeNull();
    tap('key-l', 'key-a', 'key-n', 'key-dot', 'key-n', 'key-g', 'key-u', 'key-y', 'key-e', 'key-n', 'key-7', 'key-gmail');
    expect(field()).toBe('lan.nguyen7@gmail.com');
    expect(screen.getByTestId('key-at').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('key-gmail').hasAttribute('disabled')).toBe(true);
  });

  it('stops at the maximum length and says so', () => {
    show({ layout: 'text', maxLength: 3 });
    tap('key-a', 'key-b', 'key-c');
    expect(screen.getByTestId('key-d').hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Đã đủ 3 ký tự, không gõ thêm được.')).toBeTruthy();
  });

  it('names its keys in the resident’s language', () => {
    show({ layout: 'text' }, 'en');
    expect(screen.getByRole('group', { name: 'Letter keyboard' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Falling tone (huyền)' })).toBe(screen.getByTestId('key-tone-huyen'));
    expect(screen.getByRole('button', { name: 'Delete the last letter' })).toBe(screen.getByTestId('key-delete'));
    cleanup();
    show({ layout: 'text' }, 'vi');
    expect(screen.getByRole('button', { name: 'Dấu huyền' })).toBe(screen.getByTestId('key-tone-huyen'));
    expect(screen.getByRole('button', { name: 'Chữ đ' })).toBe(screen.getByTestId('key-mod-dd'));
  });

  it('takes typing from a hardware keyboard too', () => {
    show({ layout: 'email' });
    for (const key of ['A', 'n', '@', 'Backspace', '1']) fireEvent.keyDown(window, { key });
    expect(field()).toBe('an1');
  });
});
