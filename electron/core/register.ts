/**
 * The only list of domains: each domain's handlers, checked by the compiler against the contract.
 * Both hosts (Electron IPC and the browser host's WebSocket) serve exactly this.
 */
import { api, type Api } from '../../shared/contract/api';
import { createRouter, type Handlers } from '../../shared/rpc/server';
import type { ConnectionService } from './connections/service';
import { toErrorData } from './errors';
import { DEFAULT_WATCH_INTERVAL_MS, type GroupService } from './groups/service';
import type { PublishService } from './publish/service';
import type { SchemaService } from './schemas/service';
import type { StreamService } from './streams/service';
import { compileArgs } from './validate-args';

/** The stream list refreshes less often than the groups view: it is context, not the focus. */
const STREAMS_WATCH_INTERVAL_MS = 2000;

export interface Services {
  connections: ConnectionService;
  streams: StreamService;
  groups: GroupService;
  schemas: SchemaService;
  publish: PublishService;
}

export function createHandlers(services: Services): Handlers<Api> {
  const { connections, streams, groups, schemas, publish } = services;
  return {
    connections: {
      connect: (args) => connections.connect(args),
      list: () => connections.list(),
      disconnect: ({ connectionId }) => connections.disconnect(connectionId),
    },
    streams: {
      list: ({ connectionId }, context) => streams.list(connectionId, context),
      entries: ({ connectionId, key, before, count }) => streams.entries(connectionId, key, before, count),
      entry: ({ connectionId, key, id }) => streams.entry(connectionId, key, id),
      watch: ({ connectionId, keys, intervalMs = STREAMS_WATCH_INTERVAL_MS }, sink) => streams.watch(connectionId, keys, intervalMs, sink),
    },
    groups: {
      snapshot: ({ connectionId, key }) => groups.snapshot(connectionId, key),
      watch: ({ connectionId, key, intervalMs = DEFAULT_WATCH_INTERVAL_MS }, sink) => groups.watch(connectionId, key, intervalMs, sink),
    },
    schemas: {
      catalog: () => schemas.catalog(),
      validate: ({ stream, event }) => schemas.validateText(stream, event),
      template: ({ stream, eventType }) => schemas.template(stream, eventType),
    },
    publish: {
      publish: ({ connectionId, key, event, field, eventType }) => publish.publish(connectionId, key, event, field, eventType),
    },
  };
}

export const createApiRouter = (services: Services) => createRouter(api, createHandlers(services), { compile: compileArgs, toErrorData });
