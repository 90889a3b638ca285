/**
 * The schema workspace: `envelope.v1.json` (and any other shared schemas) at the top of a folder,
 * and one sub-folder per stream holding one schema per event type. Drafts 07 and 2020-12 load into
 * one Ajv2020 instance (with the draft-07 meta-schema added) so `$ref`s may cross between them.
 * An event schema names its event type with `properties.event_type.const`.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { AppError } from '../../../shared/contract/errors';
import type { EventTypeSchema, SchemaCatalog, StreamSchemas, Validation, ValidationIssue } from '../../../shared/contract/models';

export const DEFAULT_EVENT_FIELD = 'event';
const EVENT_TYPE_PROPERTY = 'event_type';
/** Loaded with require: a JSON import attribute does not survive bundling into the main process. */
const draft07MetaSchema = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;

interface LoadedEventType extends EventTypeSchema {
  validate: ValidateFunction;
}

type JsonObject = Record<string, unknown>;

export class SchemaService {
  private readonly ajv: Ajv2020;
  private readonly documents: Array<{ id: string; schema: unknown }> = [];
  private readonly byStream = new Map<string, Map<string, LoadedEventType>>();
  private readonly problems: string[] = [];
  /** Files of a stream's folder that did not load, with why: an unknown type may be one of them. */
  private readonly failedByStream = new Map<string, string[]>();
  private envelopeId: string | null = null;

  constructor(
    readonly dir: string,
    readonly eventField = DEFAULT_EVENT_FIELD,
  ) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats.default(this.ajv);
    this.ajv.addMetaSchema(draft07MetaSchema);
    this.load();
  }

  catalog(): SchemaCatalog {
    const streams: StreamSchemas[] = [...this.byStream].map(([stream, types]) => ({
      stream,
      eventTypes: [...types.values()].map(({ validate: _validate, ...rest }) => rest),
    }));
    return { dir: this.dir, eventField: this.eventField, envelopeId: this.envelopeId, streams, documents: this.documents, problems: this.problems };
  }

  /** The event types of a stream; a dead-letter stream (`x.dlq`) uses the schemas of `x`. */
  private typesOf(stream: string): Map<string, LoadedEventType> | undefined {
    return this.byStream.get(stream) ?? (stream.endsWith('.dlq') ? this.byStream.get(stream.slice(0, -4)) : undefined);
  }

  /** Validates event JSON text as it would be published to `stream`. */
  validateText(stream: string, text: string): Validation {
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      return { status: 'not-json', message: describeJsonError(text, error) };
    }
    return this.validateEvent(stream, event);
  }

  validateEvent(stream: string, event: unknown): Validation {
    const types = this.typesOf(stream);
    const eventType = isObject(event) && typeof event[EVENT_TYPE_PROPERTY] === 'string' ? (event[EVENT_TYPE_PROPERTY] as string) : undefined;
    if (!types) return { status: 'no-schema', eventType, message: `No schemas are known for stream "${stream}".` };
    const schema = eventType ? types.get(eventType) : undefined;
    if (!schema) {
      const known = [...types.keys()].join(', ');
      const failed = this.failedByStream.get(stream) ?? (stream.endsWith('.dlq') ? this.failedByStream.get(stream.slice(0, -4)) : undefined);
      const unloaded = failed ? ` Some of this stream's schema files could not be loaded, so the event may be fine and its schema broken: ${failed.join('; ')}.` : '';
      const message = eventType
        ? `Event type "${eventType}" has no schema on stream "${stream}". Known types: ${known}.${unloaded}`
        : `The event has no "${EVENT_TYPE_PROPERTY}" string, so its schema cannot be chosen. Known types: ${known}.${unloaded}`;
      return { status: 'invalid', eventType, issues: [{ path: `/${EVENT_TYPE_PROPERTY}`, keyword: 'eventType', message }], message };
    }
    if (schema.validate(event)) return { status: 'valid', eventType, schemaId: schema.schemaId };
    const issues = (schema.validate.errors ?? []).map(toIssue);
    return { status: 'invalid', eventType, schemaId: schema.schemaId, issues, message: `${issues.length} schema error${issues.length === 1 ? '' : 's'}` };
  }

  /** A starting event of `eventType` with every required field filled with a plausible value. */
  template(stream: string, eventType: string): string {
    const schema = this.typesOf(stream)?.get(eventType);
    if (!schema) throw new AppError('NO_SCHEMA', `No schema for event type "${eventType}" on stream "${stream}". Pick one of the listed types.`);
    const root = this.ajv.getSchema(schema.schemaId)?.schema as JsonObject;
    return JSON.stringify(this.sample(root, schema.schemaId, 0), null, 2);
  }

  private load() {
    let entries: string[];
    try {
      entries = readdirSync(this.dir).sort();
    } catch {
      this.problems.push(`The schema folder ${this.dir} cannot be read. Start with --schemas DIR pointing at a folder of JSON Schemas.`);
      return;
    }
    const files: Array<{ file: string; stream: string | null }> = [];
    for (const name of entries) {
      const path = join(this.dir, name);
      if (statSync(path).isDirectory()) {
        for (const inner of readdirSync(path).sort()) if (inner.endsWith('.json')) files.push({ file: join(path, inner), stream: name });
      } else if (name.endsWith('.json')) {
        files.push({ file: path, stream: null });
      }
    }
    const added: Array<{ file: string; stream: string | null; id: string; schema: JsonObject }> = [];
    for (const { file, stream } of files) {
      try {
        const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
        if (!isObject(schema)) throw new Error('not a JSON object');
        const id = typeof schema.$id === 'string' ? schema.$id : pathToFileURL(file).href;
        this.ajv.addSchema(schema, id);
        this.documents.push({ id, schema });
        added.push({ file, stream, id, schema });
      } catch (error) {
        this.problems.push(`${relative(this.dir, file)}: ${(error as Error).message}`);
      }
    }
    for (const { file, stream, id, schema } of added) {
      try {
        const validate = this.ajv.getSchema(id);
        if (!validate) throw new Error('could not be compiled');
        if (stream === null) {
          if (/envelope/i.test(basename(file))) this.envelopeId ??= id;
          continue;
        }
        const eventType = eventTypeOf(schema) ?? basename(file, '.json');
        const types = this.byStream.get(stream) ?? new Map<string, LoadedEventType>();
        types.set(eventType, { eventType, schemaId: id, title: typeof schema.title === 'string' ? schema.title : null, file: relative(this.dir, file), validate });
        this.byStream.set(stream, types);
      } catch (error) {
        this.fail(file, stream, error);
      }
    }
  }

  private fail(file: string, stream: string | null, error: unknown) {
    const problem = `${relative(this.dir, file)}: ${(error as Error).message}`;
    this.problems.push(problem);
    if (stream !== null) this.failedByStream.set(stream, [...(this.failedByStream.get(stream) ?? []), problem]);
  }

  /** Builds a sample value for a schema, following `$ref` and `allOf`. */
  private sample(schema: unknown, baseId: string, depth: number): unknown {
    if (!isObject(schema) || depth > 12) return null;
    const merged = this.flatten(schema, baseId, depth);
    if ('const' in merged) return merged.const;
    if (Array.isArray(merged.enum) && merged.enum.length) return merged.enum[0];
    if ('default' in merged) return merged.default;
    // IDs and times are made fresh (an example's fixed UUID or date would make every event alike);
    // other values come from the schema's examples when it has some.
    if (typeof merged.format === 'string' && GENERATED_FORMATS.has(merged.format)) return sampleString(merged);
    if (Array.isArray(merged.examples) && merged.examples.length > 0 && !isObject(merged.examples[0])) return merged.examples[0];
    const type = Array.isArray(merged.type) ? merged.type[0] : merged.type;
    switch (type) {
      case 'object': {
        const properties = (merged.properties ?? {}) as JsonObject;
        const required = [...((merged.required ?? []) as string[])];
        // Meet minProperties with the first optional properties, so the template validates.
        const minimum = typeof merged.minProperties === 'number' ? merged.minProperties : 0;
        for (const name of Object.keys(properties)) if (required.length < minimum && !required.includes(name)) required.push(name);
        return Object.fromEntries(required.map((name) => [name, this.sample(properties[name] ?? {}, baseId, depth + 1)]));
      }
      case 'array': {
        const count = typeof merged.minItems === 'number' ? merged.minItems : 0;
        return Array.from({ length: count }, (_, index) => sampleWithSuffix(this.sample(merged.items, baseId, depth + 1), index));
      }
      case 'integer':
      case 'number':
        return typeof merged.minimum === 'number' ? merged.minimum : 0;
      case 'boolean':
        return false;
      case 'null':
        return null;
      default:
        return sampleString(merged);
    }
  }

  /** Merges `$ref` and `allOf` parts into one object schema (later parts win per property). */
  private flatten(schema: JsonObject, baseId: string, depth: number): JsonObject {
    let result: JsonObject = {};
    if (typeof schema.$ref === 'string') {
      const target = new URL(schema.$ref, baseId).href;
      const resolved = this.ajv.getSchema(target)?.schema;
      if (isObject(resolved)) result = this.flatten(resolved, target, depth + 1);
    }
    for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
      if (isObject(part)) result = mergeSchemas(result, this.flatten(part, baseId, depth + 1));
    }
    const { $ref: _ref, allOf: _allOf, ...own } = schema;
    return mergeSchemas(result, own);
  }
}

function mergeSchemas(base: JsonObject, over: JsonObject): JsonObject {
  const properties = { ...((base.properties ?? {}) as JsonObject) };
  for (const [name, value] of Object.entries((over.properties ?? {}) as JsonObject)) {
    properties[name] = isObject(properties[name]) && isObject(value) ? { ...(properties[name] as JsonObject), ...value } : value;
  }
  const required = [...new Set([...((base.required ?? []) as string[]), ...((over.required ?? []) as string[])])];
  return { ...base, ...over, properties, required };
}

const GENERATED_FORMATS = new Set(['uuid', 'date-time', 'date']);

function sampleString(schema: JsonObject): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'jane.doe@example.com';
    case 'uri':
      return 'https://example.com/';
    default: {
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 1;
      return 'example'.padEnd(minLength, 'x');
    }
  }
}

const sampleWithSuffix = (value: unknown, index: number) => (typeof value === 'string' && index > 0 ? `${value}${index + 1}` : value);

function eventTypeOf(schema: JsonObject): string | undefined {
  const property = (schema.properties as JsonObject | undefined)?.[EVENT_TYPE_PROPERTY];
  if (isObject(property)) {
    if (typeof property.const === 'string') return property.const;
    if (Array.isArray(property.enum) && property.enum.length === 1 && typeof property.enum[0] === 'string') return property.enum[0];
  }
  return undefined;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `has an unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'unevaluatedProperties') message = `has an unknown property "${String(params.unevaluatedProperty)}"`;
  if (error.keyword === 'uniqueItems') message = `has the same item twice (items ${String(params.j)} and ${String(params.i)})`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) message = `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  if (error.keyword === 'const') message = `must be ${JSON.stringify(params.allowedValue)}`;
  return { path: error.instancePath, keyword: error.keyword, message };
}

const PARSE_ERROR_TEXT: Partial<Record<string, string>> = {
  ValueExpected: 'a value is expected',
  PropertyNameExpected: 'a property name in double quotes is expected',
  CommaExpected: 'a comma is expected',
  ColonExpected: 'a colon is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'nothing may follow the JSON value',
  InvalidSymbol: 'this character is not allowed here',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  InvalidCommentToken: 'comments are not allowed in JSON',
};

/** Where strict JSON breaks, 1-based, using the parser of Monaco's own JSON service. */
export function jsonErrorLocation(text: string): { line: number; column: number; problem: string } | undefined {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined; // nesting too deep for a recursive parser: report without a location
  }
  const first = errors[0];
  if (!first) return undefined;
  const before = text.slice(0, first.offset);
  const code = printParseErrorCode(first.error);
  return { line: before.split('\n').length, column: first.offset - before.lastIndexOf('\n'), problem: PARSE_ERROR_TEXT[code] ?? code };
}

/** "Not valid JSON at line 3, column 5: a value is expected." */
export function describeJsonError(text: string, error: unknown): string {
  const location = jsonErrorLocation(text);
  if (!location) return `Not valid JSON: ${(error as Error).message}.`;
  return `Not valid JSON at line ${location.line}, column ${location.column}: ${location.problem}.`;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
