import { Component } from 'react';
import type { ErrorInfo, JSX, ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

export type ErrorBoundaryProps = {
  onError(error: unknown, componentStack: string | undefined): void;
  children: ReactNode;
};

type State = { failed: boolean };

/**
 * Catches an error thrown while rendering, reports it, and shows a screen with a way out
 * instead of a blank kiosk. Retry renders the app again from scratch.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError(error, info.componentStack ?? undefined);
  }

  override render(): ReactNode {
    if (this.state.failed) return <CrashScreen onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}

function CrashScreen({ onRetry }: { onRetry(): void }): JSX.Element {
  const t = useT();
  return (
    <div className="app">
      <main className="app-main">
        <section className="screen screen-center" aria-labelledby="crash-title" data-testid="crash-screen">
          <h1 id="crash-title" className="screen-title">
            {t('common:crashed.title')}
          </h1>
          <p className="screen-hint">{t('common:crashed.body')}</p>
          <button type="button" className="button button-primary" data-testid="crash-retry" onClick={onRetry}>
            {t('common:retry')}
          </button>
        </section>
      </main>
    </div>
  );
}
