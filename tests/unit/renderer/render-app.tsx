import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import { App } from '../../../renderer/app/App';
import { createFakeKiot } from './fake-kiot';
import type { FakeKiot, FakeKiotOptions } from './fake-kiot';

export type Rendered = RenderResult & { fake: FakeKiot };

/** Installs a fake `window.kiot` and renders the whole renderer app, as main.tsx does. */
export async function renderApp(options: FakeKiotOptions = {}, prepare?: (fake: FakeKiot) => void): Promise<Rendered> {
  const fake = createFakeKiot(options);
  window.kiot = fake.api;
  prepare?.(fake);
  const result = render(<App />);
  return { ...result, fake };
}

export function teardown(): void {
  cleanup();
  delete (window as Partial<Window>).kiot;
  window.localStorage.clear();
  window.sessionStorage.clear();
}

export function press(...keys: string[]): void {
  for (const key of keys.join('').split('')) fireEvent.click(screen.getByTestId(`keypad-${key}`));
}

/** Attract → phone. */
export async function toPhone(): Promise<void> {
  fireEvent.click(await screen.findByTestId('attract-start'));
  await screen.findByTestId('phone-display');
}

/** Attract → phone → code. */
export async function toCode(phone = '0912345678'): Promise<void> {
  await toPhone();
  press(phone);
  fireEvent.click(screen.getByTestId('phone-submit'));
  await screen.findByTestId('code-display');
}

/** Signed in through the real flow: the home screen ("what do I owe"). */
export async function toHome(): Promise<void> {
  await toCode();
  press('123456');
  await screen.findByTestId('home');
}

/** All the way to the bills screen through the real flow (home, then the Bills tab). */
export async function toBills(): Promise<void> {
  await toHome();
  fireEvent.click(screen.getByTestId('nav-bills'));
  await screen.findByTestId('bills-list');
}

export async function mainProcess(fn: () => void): Promise<void> {
  await act(async () => {
    fn();
    await Promise.resolve();
  });
}
