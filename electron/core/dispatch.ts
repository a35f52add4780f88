import type { z } from 'zod';
import { channelNames } from '../../shared/channels';
import type { ChannelName } from '../../shared/channels';
import { contract } from '../../shared/contract';
import type { CallerContext, Handlers } from '../../shared/contract';
import type { Logger } from '../../shared/logger';
import { silentLogger } from '../../shared/logger';
import { KiotError } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { Dispatch } from './api';

export type DispatcherDeps = {
  /** Builds the caller context of one call: a fresh request id, the device, who is signed in, the locale. */
  context: () => CallerContext;
  logger?: Logger;
};

const known: ReadonlySet<string> = new Set(channelNames);

function isChannel(channel: unknown): channel is ChannelName {
  return typeof channel === 'string' && known.has(channel);
}

/** `phone: Too big: expected string to have <=32 characters`, short enough for a log line. */
function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'Invalid request';
  const where = first.path.length > 0 ? first.path.join('.') : 'request';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}

/**
 * The one entry point shared by Electron IPC and the web host: checks the channel,
 * parses the request with the contract's schema, builds the caller context, runs the
 * handler and turns every outcome into a `Result`. It never throws; an unexpected error
 * is logged here (with the call's request id) and reaches the caller only as `internal`,
 * without its message or stack.
 */
export function createDispatcher(handlers: Handlers, deps: DispatcherDeps): Dispatch {
  const log = (deps.logger ?? silentLogger).child('dispatch');
  return async (channel, request): Promise<Result<unknown>> => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}` } };
    }
    const parsed = contract[channel].request.safeParse(request ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    let requestId: string | undefined;
    try {
      const ctx = deps.context();
      requestId = ctx.requestId;
      // The cast is safe: `parsed.data` was produced by this channel's own request schema.
      const handler = handlers[channel] as (req: unknown, ctx: CallerContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      // Parsing the response too strips any field a handler added by mistake (a token, a
      // phone number) before it can reach the renderer.
      const response = contract[channel].response.safeParse(value);
      if (!response.success) {
        log.error('handler returned a response outside the contract', { channel, requestId, problem: describeIssues(response.error) });
        return { ok: false, error: { code: 'internal', message: 'Unexpected error' } };
      }
      return { ok: true, value: response.data };
    } catch (err) {
      if (err instanceof KiotError) return { ok: false, error: err.toAppError() };
      log.error('handler failed', {
        channel,
        requestId,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      return { ok: false, error: { code: 'internal', message: 'Unexpected error' } };
    }
  };
}
