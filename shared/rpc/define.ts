import type { ArgSchema } from './schema';

/** A request/response method of the API. */
export interface MethodSpec<Args, Result> {
  readonly kind: 'method';
  readonly args: ArgSchema<Args>;
  readonly __result?: Result;
}

/** A live subscription: the host pushes values until the subscriber leaves. */
export interface SubscriptionSpec<Args, Value> {
  readonly kind: 'subscription';
  readonly args: ArgSchema<Args>;
  readonly __value?: Value;
}

export type Spec = MethodSpec<any, any> | SubscriptionSpec<any, any>;
export type DomainSpec = Record<string, Spec>;
export type ContractSpec = Record<string, DomainSpec>;

export const method = <Result>() => <Args>(args: ArgSchema<Args>): MethodSpec<Args, Result> => ({ kind: 'method', args });

export const subscription = <Value>() => <Args>(args: ArgSchema<Args>): SubscriptionSpec<Args, Value> => ({
  kind: 'subscription',
  args,
});

export type ArgsOf<S> = S extends MethodSpec<infer A, any> ? A : S extends SubscriptionSpec<infer A, any> ? A : never;
export type ResultOf<S> = S extends MethodSpec<any, infer R> ? R : never;
export type ValueOf<S> = S extends SubscriptionSpec<any, infer V> ? V : never;

/** `domain.name`, the wire name of every method and subscription; derived, never typed by hand. */
export const channelName = (domain: string, name: string): string => `${domain}.${name}`;

/** Every `[domain, name, spec]` of a contract, in declaration order. */
export function listSpecs(contract: ContractSpec): Array<[string, string, Spec]> {
  return Object.entries(contract).flatMap(([domain, specs]) =>
    Object.entries(specs).map(([name, spec]) => [domain, name, spec] as [string, string, Spec]),
  );
}
