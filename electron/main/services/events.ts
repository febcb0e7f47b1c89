import type { IpcEventChannel, IpcEventPayload } from '../../../shared/ipc/contract.ts';

export type EventSink = <E extends IpcEventChannel>(event: E, payload: IpcEventPayload<E>) => void;

/** Fans backend events out to every window (Electron) or WebSocket client (browser mode). */
export interface EventBus {
  emit: EventSink;
  subscribe(sink: EventSink): () => void;
}

export function createEventBus(): EventBus {
  const sinks = new Set<EventSink>();
  return {
    emit(event, payload) {
      for (const sink of sinks) {
        try {
          sink(event, payload);
        } catch (error) {
          console.error(
            `webcare: event sink failed for ${event}:`,
            error instanceof Error ? error.message : error,
          );
        }
      }
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
