/**
 * The web host's stand-in for the Electron preload: defines `window.kiot` over a loopback
 * WebSocket. Served only by the web host (a development and test tool); it is not part
 * of the renderer bundle.
 */
import { buildKiotApi } from '../../../shared/kiot-api';
import type { EventName } from '../../../shared/channels';
import type { Result } from '../../../shared/result';
import { WEB_HOST_TOKEN_CHECK_PATH, WEB_HOST_TOKEN_PAGE_PATH, WEB_HOST_WS_PATH } from '../protocol';
import type { ClientMessage, ServerMessage } from '../protocol';

// Longer than the slowest call the kiosk core makes: a payment's long poll (20 s at the hub)
// on top of the hub client's own 10 s deadline.
const REQUEST_TIMEOUT_MS = 45_000;

type Pending = { resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> };

const unavailable = (message: string): Result<never> => ({ ok: false, error: { code: 'hub_unavailable', message } });

function tokenFromLocation(): string {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('token') ?? '';
}

function createBridge(): Window['kiot'] {
  const token = tokenFromLocation();
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let everOpened = false;
  let tokenChecked = false;

  const connect = (): void => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_HOST_WS_PATH}?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      everOpened = true;
      retryMs = 250;
      for (const msg of queue.splice(0)) ws.send(msg);
    });
    ws.addEventListener('message', (ev) => {
      const msg = JSON.parse(String(ev.data)) as ServerMessage;
      if (msg.kind === 'result') {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(msg.result);
      } else {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      // Refused from the start: a link from an earlier start of the host (its token is new each
      // time) says so on a page of its own rather than as a kiosk that cannot reach its service.
      if (!everOpened && !tokenChecked) {
        tokenChecked = true;
        void fetch(`${WEB_HOST_TOKEN_CHECK_PATH}?token=${encodeURIComponent(token)}`)
          .then((res) => {
            if (res.status === 401) location.replace(WEB_HOST_TOKEN_PAGE_PATH);
          })
          .catch(() => undefined);
      }
      // Calls in flight will not be answered on a new connection; fail them now.
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(unavailable('Connection to the kiosk host was lost'));
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  };
  connect();

  return buildKiotApi(
    (channel, request) =>
      new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(unavailable('The kiosk host did not answer in time'));
        }, REQUEST_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        const msg: ClientMessage = { id, channel, request };
        const text = JSON.stringify(msg);
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      }),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
}

if (tokenFromLocation() === '') location.replace(WEB_HOST_TOKEN_PAGE_PATH);
else window.kiot = createBridge();
