import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDevStack } from '../../../../dev/dev-stack';
import type { DevStack } from '../../../../dev/dev-stack';
import { WEB_HOST_BRIDGE_PATH, WEB_HOST_WS_PATH } from '../../../../dev/web-host/protocol';
import type { ServerMessage } from '../../../../dev/web-host/protocol';

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
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain(WEB_HOST_BRIDGE_PATH);
    const bridge = await fetch(`${stack.web.origin}${WEB_HOST_BRIDGE_PATH}`);
    expect(await bridge.text()).toContain('kiot');
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(`${stack.web.origin}${p}`);
      expect(await res.text()).not.toContain('outside the renderer');
    }
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
