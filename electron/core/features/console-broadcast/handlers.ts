import type { DomainHandlers } from '../../api';
import type { ConsoleBroadcastService } from './service';

export function createConsoleBroadcastHandlers(broadcast: ConsoleBroadcastService): DomainHandlers<'consoleBroadcast'> {
  return {
    'consoleBroadcast:live': async () => broadcast.live(),
    'consoleBroadcast:start': async (request) => broadcast.start(request),
    'consoleBroadcast:end': async (request) => broadcast.end(request),
  };
}
