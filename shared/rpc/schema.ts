/**
 * A tiny typed JSON Schema builder for RPC arguments.
 *
 * Each builder returns a plain JSON Schema (validated with ajv in the core) that also carries the
 * TypeScript type it describes, so one declaration gives both the runtime check and the static type.
 */
export interface JsonSchema {
  [keyword: string]: unknown;
}

/** A JSON Schema tagged with the type of the values it accepts. */
export interface ArgSchema<T> {
  readonly json: JsonSchema;
  /** Phantom marker: never set at run time, only carries `T` for the compiler. */
  readonly __type?: T;
}

export type Infer<S> = S extends ArgSchema<infer T> ? T : never;

const schema = <T>(json: JsonSchema): ArgSchema<T> => ({ json });

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

export const string = (options: StringOptions = {}): ArgSchema<string> =>
  schema({ type: 'string', ...options });

export const integer = (minimum?: number, maximum?: number): ArgSchema<number> =>
  schema({ type: 'integer', ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) });

export const boolean = (): ArgSchema<boolean> => schema({ type: 'boolean' });

export const array = <T>(items: ArgSchema<T>, maxItems: number): ArgSchema<T[]> => schema({ type: 'array', items: items.json, maxItems });

export const nullable = <T>(inner: ArgSchema<T>): ArgSchema<T | null> =>
  schema({ anyOf: [inner.json, { type: 'null' }] });

type Props = Record<string, ArgSchema<unknown>>;
type Simplify<T> = { [K in keyof T]: T[K] };

/** An object with exactly these properties; the ones named in `optional` may be left out. */
export const object = <P extends Props, O extends keyof P = never>(
  properties: P,
  optional: readonly O[] = [],
): ArgSchema<Simplify<{ [K in Exclude<keyof P, O>]: Infer<P[K]> } & { [K in O]?: Infer<P[K]> }>> =>
  schema({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, value.json])),
    required: Object.keys(properties).filter((name) => !optional.includes(name as O)),
  });

/** Methods that take no arguments still receive `{}`, so every call has the same shape. */
export const empty = (): ArgSchema<Record<string, never>> => object({});
