// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { JSX } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createErrorReporter, describeError } from '../../../../renderer/app/error-reporting';
import type { RendererErrorReport } from '../../../../renderer/app/error-reporting';
import { ErrorBoundary } from '../../../../renderer/app/ErrorBoundary';
import { createI18n } from '../../../../renderer/i18n/i18n';
import { I18nProvider } from '../../../../renderer/i18n/I18nProvider';
import { RendererError } from '../../../../shared/contract';
import type { ResidentSummary } from '../../../../shared/domain';
import { mainProcess, renderApp, teardown } from '../render-app';

afterEach(() => {
  teardown();
  vi.restoreAllMocks();
});

function rejection(reason: unknown): Event {
  // jsdom has no PromiseRejectionEvent; the listener only reads `reason`.
  return Object.assign(new Event('unhandledrejection'), { reason });
}

describe('renderer errors reach the main process', () => {
  it('sends an uncaught error and an unhandled rejection through log:rendererError', async () => {
    const { fake } = await renderApp();
    await screen.findByTestId('attract-start');
    window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('x is undefined'), message: 'x is undefined', filename: 'kiot://app/assets/index.js', lineno: 3, colno: 7 }));
    window.dispatchEvent(rejection(new Error('socket closed')));
    await waitFor(() => expect(fake.callsTo('log:rendererError')).toHaveLength(2));
    const [error, unhandled] = fake.callsTo('log:rendererError').map((c) => c.request as RendererErrorReport);
    expect(error).toMatchObject({ message: 'TypeError: x is undefined', source: 'window.error kiot://app/assets/index.js:3:7' });
    expect(error?.stack).toContain('x is undefined');
    expect(unhandled).toMatchObject({ message: 'Error: socket closed', source: 'unhandledrejection' });
  });

  it('catches a render error in the app, shows the crash screen and reports it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A malformed view (a name that is not text) makes the bills screen throw while rendering.
    const { fake } = await renderApp({ resident: { id: 'r', fullName: { first: 'Lan' }, unitLabel: 'A-1', buildingName: 'B' } as unknown as ResidentSummary });
    await screen.findByTestId('attract-start');
    await mainProcess(() => fake.signIn());
    expect(screen.getByTestId('crash-screen').textContent).toContain('Đã có lỗi xảy ra');
    expect(screen.queryByTestId('bills-list')).toBeNull();
    await waitFor(() => expect(fake.callsTo('log:rendererError')).toHaveLength(1));
    const report = fake.callsTo('log:rendererError')[0]?.request as RendererErrorReport;
    expect(report.source).toBe('error-boundary');
    expect(report.stack).toContain('Component stack:');
  });

  it('stops listening when the app is unmounted', async () => {
    const { fake, unmount } = await renderApp();
    await screen.findByTestId('attract-start');
    unmount();
    window.dispatchEvent(rejection('late'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.callsTo('log:rendererError')).toHaveLength(0);
  });
});

describe('createErrorReporter', () => {
  it('sends at most `limit` reports per window', async () => {
    let now = 0;
    const sent: RendererErrorReport[] = [];
    const report = createErrorReporter({ send: async (r) => void sent.push(r), now: () => now, limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 10; i++) report(new Error(`loop ${i}`), 'test');
    now += 60_000;
    report(new Error('later'), 'test');
    await Promise.resolve();
    await Promise.resolve();
    expect(sent.map((r) => r.message)).toEqual(['Error: loop 0', 'Error: loop 1', 'Error: loop 2', 'Error: later']);
  });

  it('never throws, whether sending throws, rejects, or the error cannot be described', async () => {
    const throwing = createErrorReporter({
      send: () => {
        throw new Error('no bridge');
      },
    });
    const rejecting = createErrorReporter({ send: () => Promise.reject(new Error('closed')) });
    const hostile = {
      toJSON(): never {
        throw new Error('nope');
      },
    };
    expect(() => throwing(new Error('a'), 'test')).not.toThrow();
    expect(() => rejecting(new Error('b'), 'test')).not.toThrow();
    expect(() => rejecting(hostile, 'test')).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('fits every report within the contract, however long the error', () => {
    const huge = new Error('m'.repeat(10_000));
    huge.stack = 's'.repeat(20_000);
    for (const report of [describeError(huge, 'x'.repeat(500), 'c'.repeat(9000)), describeError('', 'test'), describeError(undefined, 'test'), describeError({ code: 1 }, 'test')]) {
      expect(RendererError.safeParse(report).success).toBe(true);
    }
    expect(describeError({ code: 1 }, 'test').message).toBe('{"code":1}');
  });
});

describe('ErrorBoundary', () => {
  function Bomb(): JSX.Element {
    throw new Error('render failed');
  }

  function Maybe(): JSX.Element {
    const [armed, setArmed] = useState(false);
    if (armed) return <Bomb />;
    return (
      <button type="button" onClick={() => setArmed(true)}>
        arm
      </button>
    );
  }

  it('shows a screen with a Retry instead of a blank kiosk, and reports with the component stack', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reports: { error: unknown; componentStack: string | undefined }[] = [];
    render(
      <I18nProvider i18n={createI18n('vi')}>
        <ErrorBoundary onError={(error, componentStack) => reports.push({ error, componentStack })}>
          <Maybe />
        </ErrorBoundary>
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'arm' }));
    expect(screen.getByTestId('crash-screen').textContent).toContain('Đã có lỗi xảy ra');
    expect(reports).toHaveLength(1);
    expect((reports[0]?.error as Error).message).toBe('render failed');
    expect(reports[0]?.componentStack).toContain('Bomb');

    fireEvent.click(screen.getByTestId('crash-retry'));
    // The retry renders the children again: the crash screen is gone and the app is back (getByRole throws otherwise).
    screen.getByRole('button', { name: 'arm' });
    expect(screen.queryByTestId('crash-screen')).toBeNull();
  });
});
