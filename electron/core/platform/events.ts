import type { EventName } from '../../../shared/channels';
import type { EventPayload } from '../../../shared/contract';
import type { Logger } from '../../../shared/logger';
import type { EventListener } from '../api';

export type EventBus = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Returns unsubscribe. */
  subscribe(listener: EventListener): () => void;
  clear(): void;
};

/** Fan-out of core events to main's window and the web host; one broken listener does not stop the rest. */
export function createEventBus(logger: Logger): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (err) {
          logger.error('event listener threw', { event, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    clear() {
      listeners.clear();
    },
  };
}
