/**
 * `window.kiot`: the renderer's whole view of the main process, derived from the contract.
 * Built by the preload (over Electron IPC) and by the web host's browser bridge (over a
 * WebSocket) with `buildKiotApi`, so both expose exactly one method per channel.
 */
import { channelNames, eventMethodName, eventNames, splitChannel } from './channels';
import type { ChannelName, ChannelDomain, ChannelsOf, EventMethodName, EventName } from './channels';
import type { EventPayload, RequestInput, ResponseOf } from './contract';
import type { Result } from './result';

type VerbOf<C> = C extends `${string}:${infer V}` ? V : never;

export type KiotDomainApi<D extends ChannelDomain> = {
  [C in ChannelsOf<D> as VerbOf<C>]: (request: RequestInput<C>) => Promise<Result<ResponseOf<C>>>;
};

export type KiotEventsApi = {
  [E in EventName as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

export type KiotApi = { [D in ChannelDomain]: KiotDomainApi<D> } & KiotEventsApi;

export type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function buildKiotApi(invoke: Invoke, subscribe: Subscribe): KiotApi {
  const api: Record<string, unknown> = {};
  for (const channel of channelNames) {
    const [domain, verb] = splitChannel(channel);
    const ns = (api[domain] ??= {}) as Record<string, unknown>;
    ns[verb] = (request: unknown = {}) => invoke(channel, request);
  }
  for (const event of eventNames) {
    api[eventMethodName(event)] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  return api as KiotApi;
}
