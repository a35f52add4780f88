/**
 * Messages between the web host and its browser bridge. Runtime-neutral (imported by both
 * the Node server and the browser bundle).
 */
import type { ChannelName, EventName } from '../../shared/channels';
import type { Result } from '../../shared/result';

export const WEB_HOST_WS_PATH = '/kiot-ws';
export const WEB_HOST_BRIDGE_PATH = '/kiot-web-bridge.js';
/** Where the bridge sends a browser whose link has no token (or a token from an earlier start). */
export const WEB_HOST_TOKEN_PAGE_PATH = '/missing-token';
/** `?token=…` → 204 when it is this host's token, 401 when not: lets the bridge tell a stale link from a host that is down. */
export const WEB_HOST_TOKEN_CHECK_PATH = '/kiot-token-check';

export type ClientMessage = { id: number; channel: ChannelName; request: unknown };
export type ServerMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
