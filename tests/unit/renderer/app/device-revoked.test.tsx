// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, teardown } from '../render-app';

afterEach(teardown);

describe('a device the hub refused (revoked in the console)', () => {
  it('replaces whatever was on screen with the revoked screen for IT, as soon as the core says so', async () => {
    const { fake } = await renderApp();
    await screen.findByTestId('attract-start');
    act(() => fake.revokeDevice());
    const screenForIt = await screen.findByTestId('device-revoked');
    expect(screenForIt.textContent).toContain('Thiết bị đã bị thu hồi');
    expect(screenForIt.textContent).toContain('đăng ký lại thiết bị');
    expect(screen.queryByTestId('attract-start')).toBeNull();
  });

  it('starts on the revoked screen when the core already knows', async () => {
    await renderApp({}, (fake) => fake.revokeDevice());
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('Thiết bị đã bị thu hồi');
    expect(screen.queryByTestId('attract-start')).toBeNull();
  });
});
