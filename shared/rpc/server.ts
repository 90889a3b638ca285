import { AppError, type RpcErrorData } from '../contract/errors';
import { channelName, listSpecs, type ArgsOf, type ContractSpec, type ResultOf, type Spec, type ValueOf } from './define';
import type { ClientMessage, Progress, ServerTransport } from './protocol';
import type { JsonSchema } from './schema';

/** Lets a long handler notice that its caller gave up. */
export interface Cancellation {
  readonly cancelled: boolean;
  /** Throws `CANCELLED` if the caller cancelled; call between steps of long work. */
  throwIfCancelled(): void;
  onCancel(listener: () => void): void;
}

export interface CallContext {
  cancellation: Cancellation;
  progress(progress: Progress): void;
}

export interface Sink<V> {
  next(value: V): void;
  /** Ends the subscription with an error. */
  error(error: unknown): void;
}

export type HandlerMethod<S> = (args: ArgsOf<S>, context: CallContext) => Promise<ResultOf<S>> | ResultOf<S>;
/** Starts a subscription; returns its teardown. */
export type HandlerSubscription<S> = (args: ArgsOf<S>, sink: Sink<ValueOf<S>>) => () => void;

/** What a host must implement: one handler per contract member, checked by the compiler. */
export type Handlers<C extends ContractSpec> = {
  [D in keyof C]: {
    [N in keyof C[D]]: C[D][N] extends { kind: 'method' } ? HandlerMethod<C[D][N]> : HandlerSubscription<C[D][N]>;
  };
};

/** Returns the problems of a value against a schema, or null when it conforms. */
export type ArgValidator = (value: unknown) => string[] | null;

export interface ServeOptions {
  /** Compiles an argument schema (ajv in the core; the shared layer has no dependencies). */
  compile: (schema: JsonSchema) => ArgValidator;
  /** Turns any thrown value into error data the user can read. */
  toErrorData: (error: unknown) => RpcErrorData;
}

interface Route {
  spec: Spec;
  validate: ArgValidator;
  handler: (...args: never[]) => unknown;
}

/** Compiles the routes of a contract once; `serve` then attaches them to any number of transports. */
export function createRouter<C extends ContractSpec>(contract: C, handlers: Handlers<C>, options: ServeOptions) {
  const routes = new Map<string, Route>();
  for (const [domain, name, spec] of listSpecs(contract)) {
    const handler = (handlers as Record<string, Record<string, Route['handler']>>)[domain]?.[name];
    if (typeof handler !== 'function') throw new Error(`No handler for ${channelName(domain, name)}`);
    routes.set(channelName(domain, name), { spec, validate: options.compile(spec.args.json), handler });
  }

  /** Serves one client over one transport; `close()` cancels its calls and ends its subscriptions. */
  function serve(transport: ServerTransport): { close(): void } {
    const running = new Map<number, () => void>();
    const subscriptions = new Map<number, () => void>();
    let closed = false;

    const sendError = (id: number, error: unknown) => {
      if (!closed) transport.send({ type: 'error', id, error: options.toErrorData(error) });
    };

    const route = (wireName: string, kind: Spec['kind'], args: unknown): Route => {
      const found = routes.get(wireName);
      if (!found || found.spec.kind !== kind) {
        throw new AppError('INVALID_ARGUMENT', `Unknown ${kind} "${wireName}". The app and its host are out of step: restart the app.`);
      }
      const problems = found.validate(args);
      if (problems) {
        throw new AppError('INVALID_ARGUMENT', `Invalid arguments for ${wireName}: ${problems.join('; ')}.`, { issues: problems });
      }
      return found;
    };

    const handleCall = async (id: number, method: string, args: unknown) => {
      const listeners: Array<() => void> = [];
      let cancelled = false;
      const cancellation: Cancellation = {
        get cancelled() {
          return cancelled;
        },
        throwIfCancelled() {
          if (cancelled) throw new AppError('CANCELLED', 'Cancelled.');
        },
        onCancel: (listener) => listeners.push(listener),
      };
      running.set(id, () => {
        cancelled = true;
        listeners.forEach((listener) => listener());
      });
      try {
        const { handler } = route(method, 'method', args);
        const context: CallContext = {
          cancellation,
          progress: (progress) => {
            if (!closed && !cancelled) transport.send({ type: 'progress', id, progress });
          },
        };
        const value = await (handler as HandlerMethod<Spec>)(args as never, context);
        if (!closed) transport.send(cancelled ? { type: 'error', id, error: { code: 'CANCELLED', message: 'Cancelled.' } } : { type: 'result', id, value: value ?? null });
      } catch (error) {
        sendError(id, cancelled ? new AppError('CANCELLED', 'Cancelled.') : error);
      } finally {
        running.delete(id);
      }
    };

    const handleSubscribe = (id: number, topic: string, args: unknown) => {
      try {
        const { handler } = route(topic, 'subscription', args);
        let ended = false;
        const sink: Sink<unknown> = {
          next: (value) => {
            if (!ended && !closed) transport.send({ type: 'event', id, value });
          },
          error: (error) => {
            if (ended) return;
            ended = true;
            subscriptions.get(id)?.();
            subscriptions.delete(id);
            sendError(id, error);
          },
        };
        const teardown = (handler as HandlerSubscription<Spec>)(args as never, sink);
        if (ended) teardown();
        else subscriptions.set(id, teardown);
      } catch (error) {
        sendError(id, error);
      }
    };

    const onMessage = (message: ClientMessage) => {
      if (closed) return;
      if ((message.type === 'call' || message.type === 'subscribe') && (running.has(message.id) || subscriptions.has(message.id))) {
        // A reused id would orphan the earlier call or subscription (nothing could end it).
        sendError(message.id, new AppError('INVALID_ARGUMENT', `Request id ${message.id} is already in use.`));
        return;
      }
      switch (message.type) {
        case 'call':
          void handleCall(message.id, message.method, message.args);
          break;
        case 'cancel':
          running.get(message.id)?.();
          break;
        case 'subscribe':
          handleSubscribe(message.id, message.topic, message.args);
          break;
        case 'unsubscribe':
          subscriptions.get(message.id)?.();
          subscriptions.delete(message.id);
          break;
      }
    };
    const detach = transport.onMessage(onMessage);

    return {
      close() {
        if (closed) return;
        closed = true;
        detach();
        running.forEach((cancel) => cancel());
        subscriptions.forEach((teardown) => teardown());
        subscriptions.clear();
      },
    };
  }

  return { serve };
}

export type Router = ReturnType<typeof createRouter>;
