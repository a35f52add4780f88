/**
 * Messages between the web host and its browser bridge. Runtime-neutral (imported by both
 * the Node server and the browser bundle).
 */
import type { ChannelName, EventName } from '../../shared/channels';
import type { Result } from '../../shared/result';

export const WEB_HOST_WS_PATH = '/kiot-ws';
export const WEB_HOST_BRIDGE_PATH = '/kiot-web-bridge.js';

export type ClientMessage = { id: number; channel: ChannelName; request: unknown };
export type ServerMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: EventName; payload: unknown };
