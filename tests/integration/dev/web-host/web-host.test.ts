import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDevStack } from '../../../../dev/dev-stack';
import type { DevStack } from '../../../../dev/dev-stack';
import { WEB_HOST_BRIDGE_PATH, WEB_HOST_TOKEN_CHECK_PATH, WEB_HOST_TOKEN_PAGE_PATH, WEB_HOST_WS_PATH } from '../../../../dev/web-host/protocol';
import type { ServerMessage } from '../../../../dev/web-host/protocol';
import { APP_ONLY_CSP, parseCsp } from '../../../unit/main/csp-policy';

let stack: DevStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kiot-webhost-'));
  const rendererDir = path.join(dataDir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body>kiosk</body></html>');
  await writeFile(path.join(dataDir, 'secret.txt'), 'outside the renderer');
  stack = await startDevStack({ dataDir: path.join(dataDir, 'stack'), rendererDir });
});

afterAll(async () => {
  await stack.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Sends the path exactly as written: fetch() and the URL class resolve `..` and `.` segments
 * before a request leaves, so a traversal probe sent through them never reaches the server.
 */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(stack.web.origin);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: '127.0.0.1', port: Number(port) });
    let response = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1];
      if (status === undefined) return reject(new Error(`not an HTTP response: ${response.slice(0, 80)}`));
      resolve({ status: Number(status), body: response.slice(response.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

type Opened = { ws: WebSocket; call(channel: string, request: unknown): Promise<ServerMessage> };

function connect(token: string, origin: string): Promise<Opened> {
  const ws = new WebSocket(`ws://127.0.0.1:${new URL(stack.web.origin).port}${WEB_HOST_WS_PATH}?token=${token}`, { origin });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('open', () => {
      let id = 0;
      resolve({
        ws,
        call: (channel, request) =>
          new Promise((res) => {
            const myId = ++id;
            const onMessage = (data: WebSocket.RawData): void => {
              const msg = JSON.parse(String(data)) as ServerMessage;
              if (msg.kind === 'result' && msg.id === myId) {
                ws.off('message', onMessage);
                res(msg);
              }
            };
            ws.on('message', onMessage);
            ws.send(JSON.stringify({ id: myId, channel, request }));
          }),
      });
    });
  });
}

describe('web host', () => {
  it('listens on loopback only and serves the renderer with a strict CSP and the bridge injected', async () => {
    expect(new URL(stack.web.origin).hostname).toBe('127.0.0.1');
    const res = await fetch(`${stack.web.origin}/`);
    expect(res.status).toBe(200);
    // The app's policy, plus exactly one allowance: the bridge's WebSocket back to this host.
    expect(parseCsp(res.headers.get('content-security-policy') ?? '')).toEqual({
      ...APP_ONLY_CSP,
      'connect-src': ["'self'", 'ws://127.0.0.1:*'],
    });
    const html = await res.text();
    expect(html).toContain(WEB_HOST_BRIDGE_PATH);
    // The header is the page's only policy: the shipped page's own (no WebSocket) is dropped here.
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    const bridge = await fetch(`${stack.web.origin}${WEB_HOST_BRIDGE_PATH}`);
    expect(await bridge.text()).toContain('kiot');
  });

  it.each([
    ['the page', 'GET', '/'],
    ['the bridge', 'GET', WEB_HOST_BRIDGE_PATH],
    ['a missing file', 'GET', '/missing.js'],
    ['a refused method', 'POST', '/'],
  ])('isolates %s: no opener, no cross-origin loads, no powerful features', async (_what, method, urlPath) => {
    const res = await fetch(`${stack.web.origin}${urlPath}`, { method });
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const features = (res.headers.get('permissions-policy') ?? '').split(',').map((d) => d.trim());
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'fullscreen']) expect(features).toContain(`${feature}=()`);
    // Deny-all: no directive grants anything.
    expect(features.every((d) => d.endsWith('=()'))).toBe(true);
    await res.arrayBuffer();
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/../../secret.txt',
    '/./../secret.txt',
    '//../secret.txt',
  ])('does not serve files outside the renderer folder: raw path %s', async (rawPath) => {
    const res = await rawGet(rawPath);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the renderer');
  });

  it('the raw-request helper does reach files inside the renderer folder', async () => {
    // Guards the probes above: a helper that never reached the server would also see no secret.
    const res = await rawGet('/index.html');
    expect(res.status).toBe(200);
    expect(res.body).toContain('kiosk');
  });

  it('answers a link without its token with a page saying so, in Vietnamese and English, not "service unavailable"', async () => {
    const res = await fetch(`${stack.web.origin}${WEB_HOST_TOKEN_PAGE_PATH}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const body = await res.text();
    expect(body).toContain('Đường dẫn này thiếu mã truy cập');
    expect(body).toContain('This link is missing its token');
    expect(body).toContain('npm run start:web');
    expect(body).not.toContain(stack.web.token);
    expect(body).not.toMatch(/unavailable|không khả dụng/i);
  });

  it('tells the bridge whether a token is this start\'s, so a stale link is told apart from a host that is down', async () => {
    const check = (token: string | null): Promise<number> =>
      fetch(`${stack.web.origin}${WEB_HOST_TOKEN_CHECK_PATH}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`).then((r) => r.status);
    expect(await check(stack.web.token)).toBe(204);
    expect(await check(`${stack.web.token.slice(0, -1)}x`)).toBe(401);
    expect(await check('')).toBe(401);
    expect(await check(null)).toBe(401);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect('wrong-token', stack.web.origin)).rejects.toThrow(/401/);
    await expect(connect(stack.web.token, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('answers contract calls with typed results and rejects malformed ones without crashing', async () => {
    const { ws, call } = await connect(stack.web.token, stack.web.origin);
    try {
      const info = await call('app:info', {});
      expect(info).toMatchObject({ kind: 'result', result: { ok: true, value: { mode: 'kiosk', buildingName: stack.demo.buildingName } } });

      const unknown = await call('fs:readFile', { path: '/etc/passwd' });
      expect(unknown).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });

      const malformed = await call('auth:requestOtp', { phone: 12345 });
      expect(malformed).toMatchObject({ result: { ok: false, error: { code: 'invalid_input' } } });

      const notSignedIn = await call('bills:list', {});
      expect(notSignedIn).toMatchObject({ result: { ok: false } });
    } finally {
      ws.close();
    }
  });
});
