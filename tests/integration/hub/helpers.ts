/** Small HTTP helpers for talking to a hub over real loopback sockets. */
import { DEVICE_HEADER, EnrollResponse, ErrorBody } from '../../../shared/hub-api';
import type { DevSmsOutboxResponse } from '../../../shared/hub-api';

export { T0, createTestClock } from '../../fixtures/test-clock';
export type { TestClock } from '../../fixtures/test-clock';

export type Reply = { status: number; body: unknown; headers: Headers };

export async function call(base: string, method: 'GET' | 'POST', path: string, opts: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] = 'application/json';
  } else if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}

export function errorOf(reply: Reply): ErrorBody['error'] {
  return ErrorBody.parse(reply.body).error;
}

export type Device = { id: string; header: Record<string, string> };

export async function enroll(base: string, code: string, name = 'Sảnh tòa A'): Promise<Device> {
  const reply = await call(base, 'POST', '/v1/devices/enroll', { json: { code, name } });
  if (reply.status !== 200) throw new Error(`enroll failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const device = EnrollResponse.parse(reply.body);
  return { id: device.deviceId, header: { [DEVICE_HEADER]: `${device.deviceId}.${device.deviceSecret}` } };
}

export function latestCode(outbox: DevSmsOutboxResponse, phone: string): string {
  const message = outbox.messages.filter((m) => m.to === phone).at(-1);
  const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code for ${phone} in the outbox`);
  return code;
}
