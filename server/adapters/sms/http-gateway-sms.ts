import { assertNever } from '../../../shared/assert-never';
import type { Logger } from '../../../shared/logger';
import type { SmsAdapter } from './sms-adapter';

/**
 * A generic HTTP SMS gateway: most Vietnamese and international SMS providers take one
 * HTTP request per message, differing only in URL, method, headers and body. All of that
 * is configuration (see `parseSmsGatewayEnv` in env.ts and docs/deployment.md); secrets
 * arrive already resolved from the environment and are never logged.
 */
export type HttpGatewayConfig = {
  url: string;
  method: 'POST' | 'PUT' | 'GET';
  /** Sent as given; a `content-type` here decides how the body's placeholders are escaped. */
  headers: Record<string, string>;
  /**
   * The request body, with `{{to}}` (E.164, `+84912345678`), `{{toDigits}}` (`84912345678`),
   * `{{toLocal}}` (`0912345678`) and `{{text}}`. The same placeholders work in the URL,
   * percent-encoded there. Ignored for GET.
   */
  bodyTemplate: string;
  /** Per attempt, from the request until the response headers. */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled for each one after it. */
  backoffMs: number;
};

export type HttpGatewayDeps = {
  logger: Logger;
  /** Tests make the backoff instant; production waits for real. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
};

/** The longest a gateway's Retry-After is honoured, so a send cannot hang for minutes. */
const MAX_RETRY_AFTER_MS = 30_000;

export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;
export const DEFAULT_GATEWAY_ATTEMPTS = 3;
export const DEFAULT_GATEWAY_BACKOFF_MS = 1_000;

/** How a value is written into the body so that it cannot break out of its place. */
export type BodyEscaping = 'json' | 'form' | 'xml' | 'none';

export function escapingFor(contentType: string | undefined): BodyEscaping {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  return 'none';
}

function escape(value: string, how: BodyEscaping): string {
  switch (how) {
    case 'json':
      // The inside of a JSON string: the template supplies the quotes.
      return JSON.stringify(value).slice(1, -1);
    case 'form':
      return encodeURIComponent(value);
    case 'xml':
      return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    case 'none':
      return value;
    default:
      return assertNever(how, 'body escaping');
  }
}

export const GATEWAY_PLACEHOLDERS = ['to', 'toDigits', 'toLocal', 'text'] as const;

/** Fills `{{to}}`, `{{toDigits}}`, `{{toLocal}}` and `{{text}}`, each escaped the same way. */
export function fillTemplate(template: string, to: string, text: string, how: BodyEscaping): string {
  const digits = to.replace(/^\+/, '');
  const values: Record<(typeof GATEWAY_PLACEHOLDERS)[number], string> = {
    to,
    toDigits: digits,
    toLocal: digits.startsWith('84') ? `0${digits.slice(2)}` : digits,
    text,
  };
  // One pass, so a `{{text}}` typed inside a message is not expanded again.
  return template.replace(/\{\{\s*(to|toDigits|toLocal|text)\s*\}\}/g, (_, name: keyof typeof values) => escape(values[name], how));
}

type Outcome = { ok: true } | { ok: false; retry: boolean; status: number | null; reason: 'status' | 'timeout' | 'network'; retryAfterMs: number | null };

function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return null;
}

export function createHttpGatewaySmsAdapter(config: HttpGatewayConfig, deps: HttpGatewayDeps): SmsAdapter {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const doFetch = deps.fetch ?? fetch;
  const contentTypeKey = Object.keys(config.headers).find((k) => k.toLowerCase() === 'content-type');
  const headers: Record<string, string> = { ...config.headers };
  if (config.method !== 'GET' && contentTypeKey === undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const bodyEscaping = escapingFor(contentTypeKey === undefined ? 'application/json' : config.headers[contentTypeKey]);
  const host = new URL(config.url).host;

  async function attempt(to: string, text: string): Promise<Outcome> {
    const url = fillTemplate(config.url, to, text, 'form');
    try {
      const res = await doFetch(url, {
        method: config.method,
        headers,
        ...(config.method === 'GET' ? {} : { body: fillTemplate(config.bodyTemplate, to, text, bodyEscaping) }),
        signal: AbortSignal.timeout(config.timeoutMs),
        redirect: 'error',
      });
      // The body is read and dropped: it may echo the number or the text back.
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true };
      const retry = res.status >= 500 || res.status === 429;
      return { ok: false, retry, status: res.status, reason: 'status', retryAfterMs: retry ? retryAfter(res.headers.get('retry-after')) : null };
    } catch (err) {
      const timedOut = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return { ok: false, retry: true, status: null, reason: timedOut ? 'timeout' : 'network', retryAfterMs: null };
    }
  }

  return {
    async send(to, text) {
      let last: Outcome = { ok: false, retry: false, status: null, reason: 'network', retryAfterMs: null };
      let attempts = 0;
      while (attempts < config.maxAttempts) {
        attempts++;
        last = await attempt(to, text);
        if (last.ok) {
          if (attempts > 1) deps.logger.info('SMS gateway accepted the message after retrying', { gatewayHost: host, attempts });
          return;
        }
        if (!last.retry || attempts >= config.maxAttempts) break;
        const wait = last.retryAfterMs ?? config.backoffMs * 2 ** (attempts - 1);
        deps.logger.debug('SMS gateway attempt failed; retrying', { gatewayHost: host, attempt: attempts, status: last.status, reason: last.reason, waitMs: wait });
        await sleep(wait);
      }
      if (last.ok) return;
      // One line an operator can act on; never the number or the text (they hold a live code).
      const why = last.reason === 'status' ? `answered HTTP ${String(last.status)}` : last.reason === 'timeout' ? `did not answer within ${String(config.timeoutMs)} ms` : 'could not be reached';
      deps.logger.error(`SMS gateway ${host} ${why}; the message was not sent after ${String(attempts)} attempt(s)`, {
        gatewayHost: host,
        status: last.status,
        reason: last.reason,
        attempts,
        retried: last.retry,
      });
      throw new Error(`SMS gateway ${why} (${String(attempts)} attempt(s))`);
    },
  };
}
