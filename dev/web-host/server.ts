/**
 * The web host: serves the built renderer to a browser and answers the IPC contract over a
 * loopback WebSocket guarded by a random token and an Origin check. A development and test
 * tool: it binds only to 127.0.0.1 and the production renderer bundle contains none of it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { AppCore } from '../../electron/core/api';
import { contentTypeFor, resolveStaticPath } from '../../electron/core/platform/static-files';
import type { Logger } from '../../shared/logger';
import { silentLogger } from '../../shared/logger';
import { channelNames } from '../../shared/channels';
import type { ChannelName } from '../../shared/channels';
import { WEB_HOST_BRIDGE_PATH, WEB_HOST_WS_PATH } from './protocol';
import type { ClientMessage, ServerMessage } from './protocol';

export type WebHostOptions = {
  core: AppCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  logger?: Logger;
};

export type WebHost = {
  /** Open this in a browser: it carries the session token in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const channelSet: ReadonlySet<string> = new Set(channelNames);

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser', 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no web bridge bundle');
  return out.text;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const log = opts.logger ?? silentLogger;
  const token = randomBytes(24).toString('base64url');
  const bridge = await bundleBridge();
  const indexPath = path.join(opts.rendererDir, 'index.html');
  const rawIndex = await readFile(indexPath, 'utf8').catch(() => {
    throw new Error(`The renderer is not built (${indexPath} is missing). Run: npm run build`);
  });
  // The shipped page's own policy allows no WebSocket; here the header below (which adds the
  // loopback WebSocket of the bridge) is the page's only policy.
  const withoutMetaCsp = rawIndex.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
  // A classic script runs before the page's module scripts, so window.kiot exists when React starts.
  const index = withoutMetaCsp.replace('<head>', `<head><script src=".${WEB_HOST_BRIDGE_PATH}"></script>`);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    if (urlPath === '/' || urlPath === '/index.html') return send(res, 200, contentTypeFor('index.html'), index);
    if (urlPath === WEB_HOST_BRIDGE_PATH) return send(res, 200, contentTypeFor('bridge.js'), bridge);
    const file = resolveStaticPath(opts.rendererDir, urlPath);
    if (!file) return send(res, 404, 'text/plain', 'Not found');
    try {
      const body = await readFile(file);
      send(res, 200, contentTypeFor(file), body);
    } catch {
      send(res, 404, 'text/plain', 'Not found');
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      log.error('static serve failed', { err: String(err) });
      send(res, 500, 'text/plain', 'Internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('web host has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const allowed =
      url.pathname === WEB_HOST_WS_PATH && req.headers.origin === origin && tokenMatches(token, url.searchParams.get('token'));
    if (!allowed) {
      log.warn('refused a WebSocket connection', { origin: req.headers.origin ?? null, path: url.pathname });
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const emit = (ws: WebSocket, msg: ServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      let msg: Partial<ClientMessage>;
      try {
        msg = JSON.parse(String(data)) as Partial<ClientMessage>;
      } catch {
        return; // Not ours to answer: there is no id to answer to.
      }
      const id = typeof msg.id === 'number' ? msg.id : -1;
      const channel = typeof msg.channel === 'string' && channelSet.has(msg.channel) ? (msg.channel as ChannelName) : null;
      if (!channel) {
        emit(ws, { kind: 'result', id, result: { ok: false, error: { code: 'invalid_input', message: 'Unknown channel' } } });
        return;
      }
      void opts.core.dispatch(channel, msg.request ?? {}).then((result) => emit(ws, { kind: 'result', id, result }));
    });
  });

  const unsubscribe = opts.core.onEvent((event, payload) => {
    for (const ws of clients) emit(ws, { kind: 'event', event, payload });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
