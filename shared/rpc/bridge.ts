/**
 * Electron's contextBridge copies values between worlds and drops custom properties of errors, so
 * a rejected AppError would lose its `code`. The preload therefore exposes the typed client in a
 * "bridged" form whose methods resolve to an outcome object, and the renderer turns it back into
 * the ordinary client. Both directions are derived from the contract, so the preload still exposes
 * exactly the typed API and nothing else.
 */
import { AppError, type RpcErrorData } from '../contract/errors';
import { listSpecs, type ArgsOf, type ContractSpec, type ResultOf, type ValueOf } from './define';
import type { CallOptions, Client } from './client';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: RpcErrorData };

export interface BridgedSubscriptionHandlers<V> {
  next: (value: V) => void;
  error?: (error: RpcErrorData) => void;
}

export type Bridged<C extends ContractSpec> = {
  [D in keyof C]: {
    [N in keyof C[D]]: C[D][N] extends { kind: 'method' }
      ? (args: ArgsOf<C[D][N]>, options?: CallOptions) => Promise<Outcome<ResultOf<C[D][N]>>>
      : (args: ArgsOf<C[D][N]>, handlers: BridgedSubscriptionHandlers<ValueOf<C[D][N]>>) => () => void;
  };
};

const toErrorData = (error: unknown): RpcErrorData =>
  error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };

type AnyFunction = (...args: unknown[]) => unknown;

/** Preload side: wraps a client so every result and error crosses contextBridge intact. */
export function toBridged<C extends ContractSpec>(contract: C, client: Client<C>): Bridged<C> {
  const bridged: Record<string, Record<string, unknown>> = {};
  for (const [domain, name, spec] of listSpecs(contract)) {
    const target = (client as unknown as Record<string, Record<string, AnyFunction>>)[domain]![name]!;
    bridged[domain] ??= {};
    bridged[domain][name] =
      spec.kind === 'method'
        ? async (args: unknown, options?: CallOptions) => {
            try {
              return { ok: true, value: await target(args, options) };
            } catch (error) {
              return { ok: false, error: toErrorData(error) };
            }
          }
        : (args: unknown, handlers: BridgedSubscriptionHandlers<unknown>) =>
            target(args, { next: (value: unknown) => handlers.next(value), error: (error: unknown) => handlers.error?.(toErrorData(error)) });
  }
  return bridged as Bridged<C>;
}

/** Renderer side: turns the bridged API back into the ordinary client (AppError on failure). */
export function fromBridged<C extends ContractSpec>(contract: C, bridged: Bridged<C>): Client<C> {
  const client: Record<string, Record<string, unknown>> = {};
  for (const [domain, name, spec] of listSpecs(contract)) {
    const target = (bridged as unknown as Record<string, Record<string, AnyFunction>>)[domain]![name]!;
    client[domain] ??= {};
    client[domain][name] =
      spec.kind === 'method'
        ? async (args: unknown, options?: CallOptions) => {
            const outcome = (await target(args, options)) as Outcome<unknown>;
            if (outcome.ok) return outcome.value;
            throw AppError.fromData(outcome.error);
          }
        : (args: unknown, handlers: { next: (value: unknown) => void; error?: (error: AppError) => void }) =>
            target(args, { next: handlers.next, error: (error: RpcErrorData) => handlers.error?.(AppError.fromData(error)) });
  }
  return client as Client<C>;
}
