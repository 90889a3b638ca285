/**
 * The one API of Stream Inspector, declared once. The core's handlers, the preload, the WebSocket
 * host and the renderer client are all typed from this object, and the core validates every
 * argument against the schemas given here before a handler runs.
 */
import { method, subscription } from '../rpc/define';
import { array, boolean, empty, integer, nullable, object, string } from '../rpc/schema';
import type {
  ConnectionInfo,
  EntriesPage,
  GroupsSnapshot,
  PublishResult,
  SchemaCatalog,
  StreamEntry,
  StreamSummary,
  Validation,
} from './models';

const connectionId = string({ minLength: 1, maxLength: 64 });
/** Redis keys may be up to 512 MB; anything over 64 KiB in a UI is a mistake. */
const streamKey = string({ minLength: 1, maxLength: 65536 });
/** A complete stream ID, `ms-seq`. */
const streamId = string({ pattern: '^[0-9]{1,20}-[0-9]{1,20}$' });
/** Event JSON as typed in the editor: up to 1 MiB. */
const eventText = string({ maxLength: 1048576 });
const fieldName = string({ minLength: 1, maxLength: 256 });

export const api = {
  connections: {
    /** Opens a connection from a `redis://` or `rediss://` URL and reports the server. */
    connect: method<ConnectionInfo>()(
      object(
        {
          url: string({ minLength: 1, maxLength: 4096 }),
          readOnly: boolean(),
          /** Milliseconds to wait for the server; default 5000. */
          timeoutMs: integer(100, 60000),
        },
        ['readOnly', 'timeoutMs'],
      ),
    ),
    /** Connections open in this host, oldest first (the browser host may open one at start). */
    list: method<ConnectionInfo[]>()(empty()),
    /** Closes a connection and everything that watches through it. */
    disconnect: method<void>()(object({ connectionId })),
  },
  streams: {
    /** Every stream key (SCAN … TYPE stream, to the end) with length, last entry and groups. Reports progress; cancellable. */
    list: method<StreamSummary[]>()(object({ connectionId })),
    /** One page of entries, newest first, older than `before` (exclusive) when given. */
    entries: method<EntriesPage>()(
      object(
        { connectionId, key: streamKey, before: nullable(streamId), count: integer(1, 1000) },
        ['before', 'count'],
      ),
    ),
    /**
     * Length, newest entry and group count of the given streams, pushed about every two seconds
     * while subscribed (one pipelined round trip a tick), so the stream list stays current.
     */
    watch: subscription<StreamSummary[]>()(
      object({ connectionId, keys: array(streamKey, 1000), intervalMs: integer(500, 60000) }, ['intervalMs']),
    ),
    /** One entry with every value whole (pages cut long values). */
    entry: method<StreamEntry>()(object({ connectionId, key: streamKey, id: streamId })),
  },
  groups: {
    /** Groups and consumers of a stream, read now. */
    snapshot: method<GroupsSnapshot>()(object({ connectionId, key: streamKey })),
    /** The same snapshot pushed about once a second while subscribed. */
    watch: subscription<GroupsSnapshot>()(
      object({ connectionId, key: streamKey, intervalMs: integer(250, 60000) }, ['intervalMs']),
    ),
  },
  schemas: {
    /** The schema workspace: streams, event types, and every schema document. */
    catalog: method<SchemaCatalog>()(empty()),
    /** Validates event JSON for a stream (the same check publish makes). */
    validate: method<Validation>()(object({ stream: streamKey, event: eventText })),
    /** A starting event with every required field filled in, as pretty JSON. */
    template: method<string>()(object({ stream: streamKey, eventType: string({ minLength: 1, maxLength: 256 }) })),
  },
  publish: {
    /**
     * Validates the event against its schema and, if valid, adds it with XADD. With `eventType`
     * (the type the editor checked it as) an event whose `event_type` says otherwise is refused.
     */
    publish: method<PublishResult>()(
      object(
        { connectionId, key: streamKey, event: eventText, field: fieldName, eventType: string({ minLength: 1, maxLength: 256 }) },
        ['field', 'eventType'],
      ),
    ),
  },
};

export type Api = typeof api;
