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
import type { RawData, WebSocket } from 'ws';
import type { AppCore } from '../../electron/core/api';
import { contentTypeFor, resolveStaticPath } from '../../electron/core/platform/static-files';
import type { Logger } from '../../shared/logger';
import { silentLogger } from '../../shared/logger';
import { DENY_ALL_PERMISSIONS_POLICY } from '../../shared/permissions-policy';
import { channelNames } from '../../shared/channels';
import type { ChannelName } from '../../shared/channels';
import { fail } from '../../shared/result';
import { assertNever } from '../../shared/assert-never';
import { WEB_HOST_BRIDGE_PATH, WEB_HOST_TOKEN_CHECK_PATH, WEB_HOST_TOKEN_PAGE_PATH, WEB_HOST_WS_PATH } from './protocol';
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

/**
 * The page is a kiosk screen in a browser tab: it opens no window that may reach back to it, is
 * loaded by no other site, and uses no powerful browser feature.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': DENY_ALL_PERMISSIONS_POLICY,
};

/** Larger than any contract request; a bigger frame is refused (close 1009) before it is buffered. */
export const WEB_HOST_MAX_PAYLOAD = 64 * 1024;

/** RFC 6455 close code for a message that breaks the host's rules. */
const POLICY_VIOLATION = 1008;

const channelSet: ReadonlySet<string> = new Set(channelNames);

type ParsedMessage =
  | ({ kind: 'call' } & ClientMessage)
  /** Well-formed enough to answer: it carries an id the sender can match. */
  | { kind: 'refused'; id: number; message: string }
  /** Nothing to answer to: the connection is closed instead. */
  | { kind: 'violation'; reason: string };

/** Checks every field's type before reading the next, so no sender can make the host throw. */
function parseClientMessage(data: RawData, isBinary: boolean): ParsedMessage {
  if (isBinary || !Buffer.isBuffer(data)) return { kind: 'violation', reason: 'text messages only' };
  let value: unknown;
  try {
    // ws has already rejected invalid UTF-8 (close 1007) before a message reaches here.
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return { kind: 'violation', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'violation', reason: 'not an object' };
  const fields = value as Record<string, unknown>;
  const id = fields['id'];
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { kind: 'violation', reason: 'no usable id' };
  const channel = fields['channel'];
  if (typeof channel !== 'string' || !channelSet.has(channel)) return { kind: 'refused', id, message: 'Unknown channel' };
  return { kind: 'call', id, channel: channel as ChannelName, request: fields['request'] ?? {} };
}

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

/**
 * What a browser sees when its link lacks the token (someone opened the bare address, or a
 * link from an earlier start): what is wrong and what to do, instead of the kiosk's
 * "service unavailable", which would send a developer looking at the hub.
 */
export const MISSING_TOKEN_PAGE = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Kiot: thiếu mã truy cập / missing token</title></head>
<body>
<h1>Đường dẫn này thiếu mã truy cập</h1>
<p>Hãy mở đúng đường dẫn mà <code>npm run start:web</code> in ra (có <code>#token=…</code> ở cuối). Đường dẫn của lần chạy trước không còn dùng được.</p>
<div lang="en">
<h1>This link is missing its token</h1>
<p>Open the exact link that <code>npm run start:web</code> printed (it ends in <code>#token=…</code>). A link from an earlier start no longer works.</p>
</div>
</body>
</html>
`;

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
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
    res.end(body);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
    if (urlPath === '/' || urlPath === '/index.html') return send(res, 200, contentTypeFor('index.html'), index);
    if (urlPath === WEB_HOST_BRIDGE_PATH) return send(res, 200, contentTypeFor('bridge.js'), bridge);
    if (urlPath === WEB_HOST_TOKEN_PAGE_PATH) return send(res, 401, contentTypeFor('index.html'), MISSING_TOKEN_PAGE);
    if (urlPath === WEB_HOST_TOKEN_CHECK_PATH) {
      const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
      return send(res, tokenMatches(token, given) ? 204 : 401, 'text/plain', '');
    }
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
  // A listening server's errors (after start-up) are logged: none of them may end the process.
  server.on('error', (err: NodeJS.ErrnoException) => log.error('web host server error', { code: err.code ?? null }));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('web host has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;

  const wss = new WebSocketServer({ noServer: true, maxPayload: WEB_HOST_MAX_PAYLOAD });
  wss.on('error', (err: NodeJS.ErrnoException) => log.error('WebSocket server error', { code: err.code ?? null }));
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    // Node's HTTP server drops its own error handling once a socket is handed to 'upgrade'; a
    // reset here must not become an uncaught error. ws adds its own listener in handleUpgrade.
    socket.on('error', (err: NodeJS.ErrnoException) => log.warn('upgrade socket error', { code: err.code ?? null }));
    const url = new URL(req.url ?? '/', origin);
    const allowed =
      url.pathname === WEB_HOST_WS_PATH && req.headers.origin === origin && tokenMatches(token, url.searchParams.get('token'));
    if (!allowed) {
      log.warn('refused a WebSocket connection', { origin: req.headers.origin ?? null, path: url.pathname });
      const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(`HTTP/1.1 401 Unauthorized\r\n${headers}Connection: close\r\n\r\n`);
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
    // A broken frame (bad opcode, unmasked, invalid UTF-8, over maxPayload): ws has already sent
    // the matching close code and ends the connection; without this listener the error would
    // be thrown and end the whole process.
    ws.on('error', (err: NodeJS.ErrnoException) => log.warn('WebSocket connection error', { code: err.code ?? null }));
    ws.on('message', (data, isBinary) => {
      const msg = parseClientMessage(data, isBinary);
      switch (msg.kind) {
        case 'violation':
          log.warn('closed a WebSocket after a malformed message', { reason: msg.reason });
          ws.close(POLICY_VIOLATION, msg.reason);
          return;
        case 'refused':
          emit(ws, { kind: 'result', id: msg.id, result: fail({ code: 'invalid_input', message: msg.message }) });
          return;
        case 'call':
          void opts.core
            .dispatch(msg.channel, msg.request)
            .catch((err: unknown) => {
              log.error('dispatch failed', { channel: msg.channel, err: err instanceof Error ? err.name : 'unknown' });
              return fail({ code: 'internal', message: 'Internal error' });
            })
            .then((result) => emit(ws, { kind: 'result', id: msg.id, result }))
            .catch((err: unknown) => log.error('could not send an answer', { err: err instanceof Error ? err.name : 'unknown' }));
          return;
        default:
          assertNever(msg);
      }
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
