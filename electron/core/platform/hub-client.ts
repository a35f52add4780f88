import type { z } from 'zod';
import {
  BillsResponse,
  DEVICE_HEADER,
  EnrollResponse,
  ErrorBody,
  OtpRequestResponse,
  OtpVerifyResponse,
} from '../../../shared/hub-api';
import type { EnrollRequest, OtpRequestBody, OtpVerifyBody } from '../../../shared/hub-api';
import type { Logger } from '../../../shared/logger';
import { silentLogger } from '../../../shared/logger';
import { KiotError } from '../../../shared/result';
import type { ErrorCode } from '../../../shared/result';

/** The hub routes this client calls (relative to the hub's base URL). */
export const hubPaths = {
  enroll: '/v1/devices/enroll',
  requestOtp: '/v1/auth/otp/request',
  verifyOtp: '/v1/auth/otp/verify',
  bills: '/v1/me/bills',
} as const;

export type DeviceCredential = { deviceId: string; deviceSecret: string };

export type HubClientDeps = {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Null until the device is enrolled. Read on every call, so enrollment takes effect at once. */
  getDeviceCredential: () => DeviceCredential | null;
  logger?: Logger;
};

export type HubClient = {
  enroll(body: EnrollRequest): Promise<EnrollResponse>;
  requestOtp(body: OtpRequestBody): Promise<OtpRequestResponse>;
  verifyOtp(body: OtpVerifyBody): Promise<OtpVerifyResponse>;
  listBills(residentToken: string): Promise<BillsResponse>;
};

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
 * Talks to the hub's REST API. Every failure is a `KiotError`: the hub's own typed
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

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    opts: { body?: unknown; device: boolean; token?: string },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.device) {
      const credential = deps.getDeviceCredential();
      if (credential === null) throw new KiotError('unauthorized', 'This device is not enrolled');
      headers[DEVICE_HEADER] = `${credential.deviceId}.${credential.deviceSecret}`;
    }
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      // One deadline for connecting, the headers and the body together.
      const signal = AbortSignal.timeout(deps.timeoutMs);
      response = await deps.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw unavailable(timedOut ? `no answer within ${deps.timeoutMs} ms` : 'network error', {
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
      const body = ErrorBody.safeParse(json);
      if (body.success) {
        const { code, message, attemptsLeft, retryAfterSeconds } = body.data.error;
        const extra: { attemptsLeft?: number; retryAfterSeconds?: number } = {};
        if (attemptsLeft !== undefined) extra.attemptsLeft = attemptsLeft;
        const retry = retryAfterSeconds ?? (code === 'rate_limited' ? retryAfter(response.headers) : undefined);
        if (retry !== undefined) extra.retryAfterSeconds = retry;
        throw new KiotError(code, message, extra);
      }
      const code = codeForStatus(response.status);
      const retry = code === 'rate_limited' ? retryAfter(response.headers) : undefined;
      throw new KiotError(code, `The hub answered HTTP ${response.status}`, retry === undefined ? {} : { retryAfterSeconds: retry });
    }

    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw unavailable('response does not match the expected schema', {
        path,
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    }
    return parsed.data;
  }

  return {
    enroll: (body) => call('POST', hubPaths.enroll, EnrollResponse, { body, device: false }),
    requestOtp: (body) => call('POST', hubPaths.requestOtp, OtpRequestResponse, { body, device: true }),
    verifyOtp: (body) => call('POST', hubPaths.verifyOtp, OtpVerifyResponse, { body, device: true }),
    listBills: (token) => call('GET', hubPaths.bills, BillsResponse, { device: true, token }),
  };
}
