/** The `consoleBroadcast` domain of the fake `window.kiot`: one live broadcast at most, like the hub. */
import type { ChannelName } from '../../../../shared/channels';
import type { EmergencyBroadcast } from '../../../../shared/hub-api/broadcasts';
import type { KiotApi } from '../../../../shared/kiot-api';
import type { Result } from '../../../../shared/result';

type Handle = <T>(channel: ChannelName, request: unknown, body: () => Result<T>) => Promise<Result<T>>;

export function createFakeConsoleBroadcast(handle: Handle): KiotApi['consoleBroadcast'] {
  let live: EmergencyBroadcast | null = null;
  let made = 0;
  return {
    live: (request) => handle('consoleBroadcast:live', request, () => ({ ok: true, value: { live: structuredClone(live) } })),
    start: (request) =>
      handle('consoleBroadcast:start', request, () => {
        if (live !== null) return { ok: false, error: { code: 'wrong_state', message: 'a broadcast is live' } };
        const started: EmergencyBroadcast = { id: `eb-${++made}`, startedAt: new Date().toISOString(), title: request.title, body: request.body };
        live = started;
        return { ok: true, value: { broadcast: structuredClone(started) } };
      }),
    end: (request) =>
      handle('consoleBroadcast:end', request, () => {
        if (live?.id !== request.id) return { ok: false, error: { code: 'not_found', message: 'no such broadcast' } };
        live = null;
        return { ok: true, value: { endedAt: new Date().toISOString() } };
      }),
  };
}
