import type { RequestInput } from '../../shared/contract';

export type RendererErrorReport = RequestInput<'log:rendererError'>;

/** Reports one error; never throws, whatever it is given. */
export type ReportError = (error: unknown, source: string, componentStack?: string) => void;

export type ErrorReporterDeps = {
  /** Delivers a report to the main process (`log:rendererError`). */
  send(report: RendererErrorReport): Promise<unknown>;
  now?: () => number;
  /** At most this many reports per window; an error in a render loop must not flood the log. */
  limit?: number;
  windowMs?: number;
};

// The contract's bounds: a longer report would be refused whole.
const MAX_MESSAGE = 2000;
const MAX_STACK = 8000;
const MAX_SOURCE = 200;

export function createErrorReporter({ send, now = Date.now, limit = 5, windowMs = 60_000 }: ErrorReporterDeps): ReportError {
  let windowStart = Number.NEGATIVE_INFINITY;
  let sent = 0;
  return (error, source, componentStack) => {
    try {
      const at = now();
      if (at - windowStart >= windowMs) {
        windowStart = at;
        sent = 0;
      }
      if (sent >= limit) return;
      sent += 1;
      const report = describeError(error, source, componentStack);
      // A synchronous throw (no bridge) becomes a rejection, and every rejection is dropped:
      // reporting an error must never cause another one.
      Promise.resolve()
        .then(() => send(report))
        .catch(() => undefined);
    } catch {
      // Same reason: an error that cannot even be described is let go.
    }
  };
}

export function describeError(error: unknown, source: string, componentStack?: string): RendererErrorReport {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : safeString(error);
  const stacks = [error instanceof Error ? error.stack : undefined, componentStack ? `Component stack:${componentStack}` : undefined].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  const report: RendererErrorReport = { message: clip(message, MAX_MESSAGE) || 'Unknown error', source: clip(source, MAX_SOURCE) };
  if (stacks.length > 0) report.stack = clip(stacks.join('\n\n'), MAX_STACK);
  return report;
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** Reports uncaught errors and unhandled rejections from anywhere in the window; returns the way to stop. */
export function installErrorReporting(target: Window, report: ReportError): () => void {
  const onError = (event: ErrorEvent): void => {
    const where = event.filename ? `window.error ${event.filename}:${event.lineno}:${event.colno}` : 'window.error';
    report(event.error ?? event.message, where);
  };
  const onRejection = (event: PromiseRejectionEvent): void => report(event.reason, 'unhandledrejection');
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
