import { AppError } from '../contract/errors';
import { channelName, listSpecs, type ArgsOf, type ContractSpec, type ResultOf, type ValueOf } from './define';
import type { ClientTransport, Progress, ServerMessage } from './protocol';

export interface CallOptions {
  onProgress?: (progress: Progress) => void;
  /**
   * Receives a function that cancels the call. (A callback rather than an AbortSignal, because a
   * signal does not survive Electron's contextBridge.)
   */
  onCancellable?: (cancel: () => void) => void;
}

export interface SubscriptionHandlers<V> {
  next: (value: V) => void;
  /** The subscription ended with an error; no more values come. */
  error?: (error: AppError) => void;
}

export type ClientMethod<S> = (args: ArgsOf<S>, options?: CallOptions) => Promise<ResultOf<S>>;
export type ClientSubscription<S> = (args: ArgsOf<S>, handlers: SubscriptionHandlers<ValueOf<S>>) => () => void;

/** The typed object the renderer calls: `client.streams.list({ connectionId })`. */
export type Client<C extends ContractSpec> = {
  [D in keyof C]: {
    [N in keyof C[D]]: C[D][N] extends { kind: 'method' } ? ClientMethod<C[D][N]> : ClientSubscription<C[D][N]>;
  };
};

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  onProgress?: (progress: Progress) => void;
}

/** Builds the typed client of a contract over any transport. */
export function createClient<C extends ContractSpec>(contract: C, transport: ClientTransport): Client<C> {
  let nextId = 1;
  const calls = new Map<number, PendingCall>();
  const subscriptions = new Map<number, SubscriptionHandlers<unknown>>();

  transport.onMessage((message: ServerMessage) => {
    switch (message.type) {
      case 'result': {
        const call = calls.get(message.id);
        calls.delete(message.id);
        call?.resolve(message.value);
        break;
      }
      case 'error': {
        const error = AppError.fromData(message.error);
        const call = calls.get(message.id);
        if (call) {
          calls.delete(message.id);
          call.reject(error);
        }
        const subscription = subscriptions.get(message.id);
        if (subscription) {
          subscriptions.delete(message.id);
          subscription.error?.(error);
        }
        break;
      }
      case 'progress':
        calls.get(message.id)?.onProgress?.(message.progress);
        break;
      case 'event':
        subscriptions.get(message.id)?.next(message.value);
        break;
    }
  });

  const client: Record<string, Record<string, unknown>> = {};
  for (const [domain, name, spec] of listSpecs(contract)) {
    const wireName = channelName(domain, name);
    client[domain] ??= {};
    client[domain][name] =
      spec.kind === 'method'
        ? (args: unknown, options: CallOptions = {}) =>
            new Promise((resolve, reject) => {
              const id = nextId++;
              calls.set(id, { resolve, reject, onProgress: options.onProgress });
              options.onCancellable?.(() => {
                if (calls.has(id)) transport.send({ type: 'cancel', id });
              });
              transport.send({ type: 'call', id, method: wireName, args: args ?? {} });
            })
        : (args: unknown, handlers: SubscriptionHandlers<unknown>) => {
            const id = nextId++;
            subscriptions.set(id, handlers);
            transport.send({ type: 'subscribe', id, topic: wireName, args: args ?? {} });
            return () => {
              if (subscriptions.delete(id)) transport.send({ type: 'unsubscribe', id });
            };
          };
  }
  return client as Client<C>;
}
