import type { CallerContext, RendererError } from '../../../../shared/contract';
import type { Logger } from '../../../../shared/logger';
import type { Clock } from '../../api';

export const RENDERER_ERRORS_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

export type LogServiceDeps = {
  /** The core's logger; it redacts phone numbers, names, codes and tokens from every line. */
  logger: Logger;
  clock: Pick<Clock, 'now'>;
};

export type LogService = {
  rendererError(report: RendererError, ctx: CallerContext): void;
};

/**
 * Writes what the renderer reports to the kiosk's log for IT. A renderer stuck in an error
 * loop would otherwise push everything useful out of the rotating log file, so at most
 * `RENDERER_ERRORS_PER_MINUTE` reports a minute are written; the rest are counted, and the
 * count is written with the first report of a later minute.
 */
export function createLogService(deps: LogServiceDeps): LogService {
  const log = deps.logger;
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let dropped = 0;

  return {
    rendererError(report, ctx) {
      const now = deps.clock.now();
      if (now - windowStart >= WINDOW_MS) {
        if (dropped > 0) log.warn('renderer errors dropped: too many in one minute', { dropped });
        windowStart = now;
        written = 0;
        dropped = 0;
      }
      if (written >= RENDERER_ERRORS_PER_MINUTE) {
        dropped += 1;
        return;
      }
      written += 1;
      log.error('renderer error', {
        message: report.message,
        stack: report.stack,
        source: report.source,
        requestId: ctx.requestId,
        mode: ctx.device.mode,
        actor: ctx.actor.kind,
      });
    },
  };
}
