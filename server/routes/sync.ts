import type { SyncService } from '../services/sync';
import type { SyncPushService } from '../services/sync-push';
import type { HandlersOf } from '../http/register-routes';

export function createSyncHandlers(deps: { push: SyncPushService; feed: SyncService }): HandlersOf<'sync.push' | 'sync.pull'> {
  return {
    'sync.push': async ({ body }, { device }) => deps.push.push(device, body.operations),
    'sync.pull': async ({ query }, { device }) => deps.feed.pull(device, query),
  };
}
