import type { ClientTransport, ServerTransport } from './protocol';

/**
 * Two connected in-memory transports. Messages are delivered asynchronously and through a JSON
 * round trip, so tests see exactly what would cross IPC or a WebSocket.
 */
export function createMemoryTransportPair(): { client: ClientTransport; server: ServerTransport } {
  let toClient: ((message: never) => void) | undefined;
  let toServer: ((message: never) => void) | undefined;
  const deliver = (handler: ((message: never) => void) | undefined, message: unknown) => {
    const copy = JSON.parse(JSON.stringify(message)) as never;
    void Promise.resolve().then(() => handler?.(copy));
  };
  return {
    client: {
      send: (message) => deliver(toServer, message),
      onMessage: (handler) => {
        toClient = handler as (message: never) => void;
        return () => (toClient = undefined);
      },
    },
    server: {
      send: (message) => deliver(toClient, message),
      onMessage: (handler) => {
        toServer = handler as (message: never) => void;
        return () => (toServer = undefined);
      },
    },
  };
}
