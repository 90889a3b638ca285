/** Data shapes that cross the API. Plain JSON: no classes, no Buffers, no Dates. */

/**
 * A Redis string as the UI can show it: text when it is valid UTF-8, hex bytes otherwise.
 * In a page of entries a long value is cut to its first 64 KiB; `truncatedFrom` then holds its
 * full size in bytes, and `streams.entry` returns it whole.
 */
export type RedisValue =
  | { kind: 'text'; text: string; truncatedFrom?: number }
  | { kind: 'binary'; hex: string; byteLength: number; truncatedFrom?: number };

export interface ServerInfo {
  /** `redis_version` from INFO server. */
  version: string;
  /** `redis_mode`: standalone, cluster or sentinel. */
  mode: string;
}

/** An open connection. Never carries the password. */
export interface ConnectionInfo {
  id: string;
  /** The URL with its password removed, e.g. `redis://app@10.0.0.5:6379/2`. */
  label: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username: string | null;
  /** When true every write is refused before it reaches Redis. */
  readOnly: boolean;
  server: ServerInfo;
}

export interface StreamSummary {
  key: string;
  length: number;
  /** ID of the newest entry still in the stream, or null when it is empty. */
  lastEntryId: string | null;
  /** Milliseconds part of `lastEntryId`. */
  lastEntryTimeMs: number | null;
  groups: number;
}

export interface ValidationIssue {
  /** JSON pointer into the event, `/payload/email`; empty for the root. */
  path: string;
  message: string;
  keyword: string;
}

/**
 * How an entry or draft event fares against its schema.
 * - `valid` / `invalid`: checked against `schemaId`.
 * - `no-schema`: JSON, but no schema is known for its event type on this stream.
 * - `not-json`: the event field is not JSON.
 * - `no-event-field`: the entry has no field named like the configured event field.
 */
export interface Validation {
  status: 'valid' | 'invalid' | 'no-schema' | 'not-json' | 'no-event-field';
  eventType?: string;
  schemaId?: string;
  issues?: ValidationIssue[];
  message?: string;
}

export interface EntryField {
  name: RedisValue;
  value: RedisValue;
}

export interface StreamEntry {
  id: string;
  /** Milliseconds part of the ID: when the entry was added. */
  timeMs: number;
  /** In the order Redis stores them. */
  fields: EntryField[];
  validation: Validation;
}

export interface EntriesPage {
  key: string;
  /** Newest first. */
  entries: StreamEntry[];
  /** Pass as `before` to load the next older page; null when the oldest entry is included. */
  nextBefore: string | null;
  /** XLEN at the time of the read. */
  length: number;
}

export interface ConsumerInfo {
  name: string;
  pending: number;
  /** Milliseconds since the consumer last attempted an interaction. */
  idleMs: number;
  /** Milliseconds since its last successful read (Redis 7.2+), null when unknown or never. */
  inactiveMs: number | null;
}

export interface GroupInfo {
  name: string;
  consumers: ConsumerInfo[];
  pending: number;
  lastDeliveredId: string;
  /** Redis 7.0+; null when the server cannot tell. */
  entriesRead: number | null;
  /** Entries not yet delivered to the group. Redis 7.0+; null when the server cannot tell. */
  lag: number | null;
}

export interface GroupsSnapshot {
  key: string;
  /** Host clock, ms, when the snapshot was read. */
  at: number;
  length: number;
  lastGeneratedId: string;
  /** ID of the newest entry still in the stream (unlike lastGeneratedId, never a deleted one). */
  lastEntryId: string | null;
  groups: GroupInfo[];
  /**
   * Set by a live watch when this tick failed (Redis unreachable, stream deleted, …): the rest is
   * the last good snapshot, and the watch keeps trying every tick.
   */
  problem?: string;
}

export interface EventTypeSchema {
  eventType: string;
  /** `$id` of the schema: what Monaco and ajv know it by. */
  schemaId: string;
  title: string | null;
  file: string;
}

export interface StreamSchemas {
  stream: string;
  eventTypes: EventTypeSchema[];
}

export interface SchemaCatalog {
  /** Folder the schemas were read from. */
  dir: string;
  /** Name of the entry field that holds the event JSON. */
  eventField: string;
  envelopeId: string | null;
  streams: StreamSchemas[];
  /** Every schema document by `$id`, for the editor's JSON language service. */
  documents: Array<{ id: string; schema: unknown }>;
  /** Files that could not be loaded, with why. */
  problems: string[];
}

export interface PublishResult {
  id: string;
  entry: StreamEntry;
}
