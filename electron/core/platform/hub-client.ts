import type { z } from 'zod';
import { DEVICE_HEADER, ErrorBody, fillPath, hubRoutes } from '../../../shared/hub-api';
import type {
  BillsResponse,
  EnrollRequest,
  EnrollResponse,
  HubRouteKey,
  HubRoutes,
  OtpRequestBody,
  OtpRequestResponse,
  OtpVerifyBody,
  OtpVerifyResponse,
  ResponseOf,
  RouteDef,
} from '../../../shared/hub-api';
import type { Logger } from '../../../shared/logger';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import type { ErrorCode } from '../../../shared/result';

/** The paths of the hub routes the kiosk calls, from the route table (relative to the hub's base URL). */
export const hubPaths = {
  enroll: hubRoutes['devices.enroll'].path,
  requestOtp: hubRoutes['auth.requestOtp'].path,
  verifyOtp: hubRoutes['auth.verifyOtp'].path,
  bills: hubRoutes['me.bills'].path,
  signOut: hubRoutes['auth.signOut'].path,
} as const;

export type DeviceCredential = { deviceId: string; deviceSecret: string };

export type HubClientDeps = {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Null until the device is enrolled. Read on every call, so enrollment takes effect at once. */
  getDeviceCredential: () => DeviceCredential | null;
  /**
   * Called when a route whose only credential is the device's own answers `unauthorized`: the
   * hub no longer accepts this device (revoked, or its record is gone). A resident or staff
   * route's 401 can be their token instead, so those do not count.
   */
  onDeviceRefused?: () => void;
  logger?: Logger;
};

/** What a call to route `R` takes: its body and query as the route declares them, and a session token when the route needs a signed-in person. */
export type CallInput<R extends RouteDef> = (R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : { body?: never }) &
  (R extends { query: infer Q extends z.ZodType } ? { query: z.input<Q> } : { query?: never }) &
  (R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : { params?: never }) &
  (R['caller'] extends { kind: 'resident' | 'staff' } ? { token: string } : { token?: never });

export type HubClient = {
  /** Any route of the table, by key; the methods below are the ones the kiosk uses today. */
  call<K extends HubRouteKey>(key: K, input: CallInput<HubRoutes[K]>): Promise<ResponseOf<HubRoutes[K]>>;
  enroll(body: EnrollRequest): Promise<EnrollResponse>;
  requestOtp(body: OtpRequestBody): Promise<OtpRequestResponse>;
  verifyOtp(body: OtpVerifyBody): Promise<OtpVerifyResponse>;
  listBills(residentToken: string): Promise<BillsResponse>;
  /** Closes the resident's session at the hub, so the token is refused even if it leaked. */
  signOut(residentToken: string): Promise<void>;
};

/**
 * The time a long-poll call asks the hub to hold its answer (the `waitMs` query parameter of a
 * route such as `me.payment`): the hub client's deadline is that much longer, so a quiet wait is
 * never mistaken for an unreachable hub. Capped at a minute, whatever a caller passes.
 */
export const MAX_LONG_POLL_MS = 60_000;
function longPollWaitMs(query: Record<string, unknown> | undefined): number {
  const wait = query?.waitMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait > 0 ? Math.min(wait, MAX_LONG_POLL_MS) : 0;
}

/** For a hub error without a readable body: the closest code for its status. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'invalid_input';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'wrong_state';
    case 429:
      return 'rate_limited';
    default:
      return 'internal';
  }
}

function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Talks to the hub's REST API; method, path, credentials and response schema of each call
 * come from the route table in shared/hub-api. Every failure is a `KiotError`: the hub's own typed
 * errors pass through with their code; anything that means "the hub cannot answer
 * properly right now" (network, timeout, 5xx, a body that is not what the schema says)
 * becomes `hub_unavailable`, which the UI shows as "try again in a moment".
 */
export function createHubClient(deps: HubClientDeps): HubClient {
  const logger = (deps.logger ?? silentLogger).child('hub');
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');

  const unavailable = (why: string, data: Record<string, unknown> = {}): KiotError => {
    logger.warn(`hub unavailable: ${why}`, data);
    return new KiotError('hub_unavailable', `The hub is unavailable (${why})`);
  };

  function queryString(query: Record<string, unknown> | undefined): string {
    if (query === undefined) return '';
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const encoded = params.toString();
    return encoded === '' ? '' : `?${encoded}`;
  }

  async function call<K extends HubRouteKey>(key: K, input: CallInput<HubRoutes[K]>): Promise<ResponseOf<HubRoutes[K]>> {
    const route: RouteDef = hubRoutes[key];
    const { body, query, token, params } = input as { body?: unknown; query?: Record<string, unknown>; token?: string; params?: Record<string, string> };
    const path = fillPath(route.path, params ?? {});
    const headers: Record<string, string> = { accept: 'application/json' };
    // Every caller but the public one proves which device it is on.
    if (route.caller.kind !== 'public') {
      const credential = deps.getDeviceCredential();
      if (credential === null) throw new KiotError('unauthorized', 'This device is not enrolled');
      headers[DEVICE_HEADER] = `${credential.deviceId}.${credential.deviceSecret}`;
    }
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const sendsBody = route.body !== undefined;
    if (sendsBody) headers['content-type'] = 'application/json';

    const deadlineMs = deps.timeoutMs + longPollWaitMs(query);
    let response: Response;
    let text: string;
    try {
      // One deadline for connecting, the headers and the body together; a long poll's deadline
      // starts after the wait it asks the hub for.
      const signal = AbortSignal.timeout(deadlineMs);
      response = await deps.fetch(`${baseUrl}${path}${queryString(query)}`, {
        method: route.method,
        headers,
        body: sendsBody ? JSON.stringify(body) : null,
        signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw unavailable(timedOut ? `no answer within ${deadlineMs} ms` : 'network error', {
        path,
        error: err instanceof Error ? err.message : String(err),
      });
    }

    if (response.status >= 500) throw unavailable(`HTTP ${response.status}`, { path });

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (response.ok) throw unavailable('response is not JSON', { path, status: response.status });
      json = undefined;
    }

    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      if (error.success) {
        const { code, message, attemptsLeft, retryAfterSeconds } = error.data.error;
        const extra: { attemptsLeft?: number; retryAfterSeconds?: number } = {};
        if (attemptsLeft !== undefined) extra.attemptsLeft = attemptsLeft;
        const retry = retryAfterSeconds ?? (code === 'rate_limited' ? retryAfter(response.headers) : undefined);
        if (retry !== undefined) extra.retryAfterSeconds = retry;
        // A device route that lists `unauthorized` among its own errors (the staff sign-in steps)
        // uses it for its input — a wrong password must not brick the console — not the device.
        if (code === 'unauthorized' && route.caller.kind === 'device' && !route.errors.includes('unauthorized')) deps.onDeviceRefused?.();
        throw new KiotError(code, message, extra);
      }
      const code = codeForStatus(response.status);
      const retry = code === 'rate_limited' ? retryAfter(response.headers) : undefined;
      throw new KiotError(code, `The hub answered HTTP ${response.status}`, retry === undefined ? {} : { retryAfterSeconds: retry });
    }

    const parsed = route.response.safeParse(json);
    if (!parsed.success) {
      throw unavailable('response does not match the expected schema', {
        path,
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    }
    // The schema just checked is the route's own response schema.
    return parsed.data as ResponseOf<HubRoutes[K]>;
  }

  return {
    call,
    enroll: (body) => call('devices.enroll', { body }),
    requestOtp: (body) => call('auth.requestOtp', { body }),
    verifyOtp: (body) => call('auth.verifyOtp', { body }),
    listBills: (token) => call('me.bills', { token }),
    signOut: async (token) => void (await call('auth.signOut', { token })),
  };
}
