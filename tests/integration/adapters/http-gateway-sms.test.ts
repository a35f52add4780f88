import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpGatewaySmsAdapter } from '../../../server/adapters/sms/http-gateway-sms';
import type { HttpGatewayConfig } from '../../../server/adapters/sms/http-gateway-sms';
import { parseSmsGatewayEnv } from '../../../server/env';
import { createRawLogger } from '../../fixtures/raw-logger';

type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
type Gateway = { base: string; received: Received[]; close(): Promise<void> };

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A stand-in SMS provider on 127.0.0.1: records each request and answers with `respond(n)` (n from 1). */
async function gateway(respond: (n: number, res: ServerResponse) => void = (_, res) => res.writeHead(200).end('{"status":"queued"}')): Promise<Gateway> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      respond(received.length, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${String(port)}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

const PHONE = '+84912345678';
// Quotes, a backslash, a newline, an ampersand and Vietnamese: everything a template must escape.
const TEXT = 'Kiot: Mã đăng nhập của bạn là 482913. "Không" chia sẻ & giữ kín\\bí mật.\nCảm ơn';

function config(base: string, over: Partial<HttpGatewayConfig> = {}): HttpGatewayConfig {
  return { url: `${base}/send`, method: 'POST', headers: {}, bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}', timeoutMs: 2000, maxAttempts: 3, backoffMs: 100, ...over };
}

/** What an operator may see: no digits of the number, nothing of the text. */
function expectNoSecrets(logText: string): void {
  expect(logText).not.toContain('912345678');
  expect(logText).not.toContain('482913');
  expect(logText).not.toContain('Mã đăng nhập');
}

describe('HTTP SMS gateway adapter', () => {
  it('sends the configured method, headers and body, with the secret taken from the environment', async () => {
    const gw = await gateway();
    const env = {
      KIOT_SMS_GATEWAY_URL: `${gw.base}/v2/sms?account=\${KIOT_TEST_SMS_ACCOUNT}`,
      KIOT_SMS_GATEWAY_METHOD: 'post',
      KIOT_SMS_GATEWAY_HEADERS: '{"Authorization":"Bearer ${KIOT_TEST_SMS_TOKEN}","X-Brand":"KIOT"}',
      KIOT_SMS_GATEWAY_BODY: '{"destination":"{{toDigits}}","message":"{{text}}","brandname":"KIOT"}',
      KIOT_TEST_SMS_TOKEN: 'tok-3f9a',
      KIOT_TEST_SMS_ACCOUNT: 'acct 7',
    };
    const parsed = parseSmsGatewayEnv(env);
    if (!parsed.ok || parsed.config === null) throw new Error(`config refused: ${JSON.stringify(parsed)}`);
    const logs = createRawLogger('sms');
    await createHttpGatewaySmsAdapter(parsed.config, { logger: logs.logger }).send(PHONE, TEXT);

    expect(gw.received).toHaveLength(1);
    const [req] = gw.received;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v2/sms?account=acct 7'.replace(' ', '%20'));
    expect(req?.headers['authorization']).toBe('Bearer tok-3f9a');
    expect(req?.headers['x-brand']).toBe('KIOT');
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(req?.body ?? '')).toEqual({ destination: '84912345678', message: TEXT, brandname: 'KIOT' });
    expect(logs.entries).toEqual([]);
  });

  it('escapes the placeholders for a form-encoded body and for the URL of a GET gateway', async () => {
    const form = await gateway();
    await createHttpGatewaySmsAdapter(
      config(form.base, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, bodyTemplate: 'phone={{toLocal}}&msg={{text}}&sender=KIOT' }),
      { logger: createRawLogger().logger },
    ).send(PHONE, TEXT);
    const fields = new URLSearchParams(form.received[0]?.body);
    expect(Object.fromEntries(fields)).toEqual({ phone: '0912345678', msg: TEXT, sender: 'KIOT' });

    const get = await gateway();
    await createHttpGatewaySmsAdapter(config(get.base, { method: 'GET', url: `${get.base}/send?to={{to}}&text={{text}}` }), { logger: createRawLogger().logger }).send(PHONE, TEXT);
    const query = new URL(get.received[0]?.url ?? '', get.base).searchParams;
    expect(get.received[0]?.method).toBe('GET');
    expect(get.received[0]?.body).toBe('');
    expect(query.get('to')).toBe(PHONE);
    expect(query.get('text')).toBe(TEXT);
  });

  it('retries a 5xx and a 429 with growing waits (honouring Retry-After), then succeeds', async () => {
    const gw = await gateway((n, res) => {
      if (n === 1) res.writeHead(503).end();
      else if (n === 2) res.writeHead(429, { 'retry-after': '2' }).end();
      else res.writeHead(202).end();
    });
    const waits: number[] = [];
    const logs = createRawLogger('sms');
    await createHttpGatewaySmsAdapter(config(gw.base, { maxAttempts: 4 }), { logger: logs.logger, sleep: async (ms) => void waits.push(ms) }).send(PHONE, TEXT);
    expect(gw.received).toHaveLength(3);
    expect(waits).toEqual([100, 2000]);
    // The three requests are the same message.
    expect(new Set(gw.received.map((r) => r.body)).size).toBe(1);
    expect(logs.entries.filter((e) => e.level === 'error')).toEqual([]);
    expect(logs.entries.find((e) => e.level === 'info')?.data).toMatchObject({ attempts: 3 });
    expectNoSecrets(logs.text());
  });

  it('gives up after the configured attempts with one clear error line, without the number or the text', async () => {
    const gw = await gateway((_, res) => res.writeHead(500).end(`upstream failed for ${PHONE}`));
    const waits: number[] = [];
    const logs = createRawLogger('sms');
    const send = createHttpGatewaySmsAdapter(config(gw.base, { maxAttempts: 3 }), { logger: logs.logger, sleep: async (ms) => void waits.push(ms) }).send(PHONE, TEXT);
    await expect(send).rejects.toThrow('SMS gateway answered HTTP 500 (3 attempt(s))');
    expect(gw.received).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
    const errors = logs.entries.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe(`SMS gateway ${gw.base.slice('http://'.length)} answered HTTP 500; the message was not sent after 3 attempt(s)`);
    expect(errors[0]?.data).toMatchObject({ status: 500, attempts: 3, reason: 'status' });
    expectNoSecrets(logs.text());
  });

  it('does not retry a 4xx: the request itself is wrong and would fail again', async () => {
    const gw = await gateway((_, res) => res.writeHead(401).end('bad token'));
    const logs = createRawLogger('sms');
    const sleeps: number[] = [];
    await expect(createHttpGatewaySmsAdapter(config(gw.base), { logger: logs.logger, sleep: async (ms) => void sleeps.push(ms) }).send(PHONE, TEXT)).rejects.toThrow('HTTP 401');
    expect(gw.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(logs.entries.filter((e) => e.level === 'error').map((e) => e.data)).toEqual([expect.objectContaining({ status: 401, attempts: 1, retried: false })]);
    expectNoSecrets(logs.text());
  });

  it('retries a gateway that cannot be reached, and one that does not answer in time', async () => {
    const closed = await gateway();
    const closedBase = closed.base;
    await closed.close();
    const logs = createRawLogger('sms');
    const sleeps: number[] = [];
    await expect(createHttpGatewaySmsAdapter(config(closedBase, { maxAttempts: 2 }), { logger: logs.logger, sleep: async (ms) => void sleeps.push(ms) }).send(PHONE, TEXT)).rejects.toThrow(
      'could not be reached (2 attempt(s))',
    );
    expect(sleeps).toEqual([100]);

    const silent = await gateway(() => {
      /* never answers */
    });
    await expect(createHttpGatewaySmsAdapter(config(silent.base, { maxAttempts: 2, timeoutMs: 300 }), { logger: logs.logger, sleep: async () => {} }).send(PHONE, TEXT)).rejects.toThrow(
      'did not answer within 300 ms (2 attempt(s))',
    );
    expect(silent.received).toHaveLength(2);
    expect(logs.entries.filter((e) => e.level === 'error')).toHaveLength(2);
    expectNoSecrets(logs.text());
  });
});

describe('SMS gateway settings', () => {
  it('is off without a URL, and refuses gateway settings given without one', () => {
    expect(parseSmsGatewayEnv({})).toEqual({ ok: true, config: null });
    const stray = parseSmsGatewayEnv({ KIOT_SMS_GATEWAY_BODY: '{{to}} {{text}}' });
    expect(stray.ok).toBe(false);
  });

  it('has defaults: POST, a JSON body with the number and the text, 10 s, 3 attempts', () => {
    expect(parseSmsGatewayEnv({ KIOT_SMS_GATEWAY_URL: 'https://sms.example.vn/send' })).toEqual({
      ok: true,
      config: { url: 'https://sms.example.vn/send', method: 'POST', headers: {}, bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}', timeoutMs: 10_000, maxAttempts: 3, backoffMs: 1000 },
    });
  });

  it('names what is wrong without repeating a value that may hold a secret', () => {
    const result = parseSmsGatewayEnv({
      KIOT_SMS_GATEWAY_URL: 'ftp://user:hunter2@example.vn',
      KIOT_SMS_GATEWAY_METHOD: 'DELETE',
      KIOT_SMS_GATEWAY_HEADERS: '{"Authorization": "Bearer hunter2"',
      KIOT_SMS_GATEWAY_BODY: 'number={{to}}',
      KIOT_SMS_GATEWAY_ATTEMPTS: '50',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(5);
    expect(errors.join('\n')).not.toContain('hunter2');
    expect(errors.find((e) => e.startsWith('KIOT_SMS_GATEWAY_URL'))).toContain('not a valid http(s) URL');
    expect(errors.find((e) => e.includes('{{text}}'))).toContain('must carry the number and the text');
    expect(errors.find((e) => e.startsWith('KIOT_SMS_GATEWAY_ATTEMPTS'))).toContain('from 1 to 10');
  });

  it('refuses a reference to a secret that is not set, naming the variable', () => {
    const result = parseSmsGatewayEnv({ KIOT_SMS_GATEWAY_URL: 'https://sms.example.vn/send', KIOT_SMS_GATEWAY_HEADERS: '{"Authorization":"Bearer ${KIOT_SMS_TOKEN}"}' });
    expect(result).toEqual({ ok: false, errors: [expect.stringContaining('refers to ${KIOT_SMS_TOKEN}, but KIOT_SMS_TOKEN is not set')] });
  });
});
