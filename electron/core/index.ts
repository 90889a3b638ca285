/**
 * The core of Stream Inspector: Node only, never Electron. A host creates one core and serves its
 * router over its own transport (IPC in the desktop app, a WebSocket in the browser host).
 */
import { fileURLToPath } from 'node:url';
import { ConnectionService } from './connections/service';
import { GroupService } from './groups/service';
import { PublishService } from './publish/service';
import { createApiRouter, type Services } from './register';
import { SchemaService } from './schemas/service';
import { StreamService } from './streams/service';
import type { Router } from '../../shared/rpc/server';

export interface CoreOptions {
  /** Folder of JSON Schemas (see schemas/README.md for the layout). */
  schemasDir: string;
  /** Entry field holding the event JSON; default `event`. */
  eventField?: string;
}

export interface Core {
  router: Router;
  connections: ConnectionService;
  services: Services;
  dispose(): Promise<void>;
}

/** The schemas shipped with the project, found from this file's location (source or bundle). */
export const DEFAULT_SCHEMAS_DIR = fileURLToPath(new URL('../../schemas', import.meta.url));

export async function createCore(options: CoreOptions): Promise<Core> {
  const connections = new ConnectionService();
  const schemas = new SchemaService(options.schemasDir, options.eventField);
  const services: Services = {
    connections,
    schemas,
    streams: new StreamService(connections, schemas),
    groups: new GroupService(connections),
    publish: new PublishService(connections, schemas),
  };
  return {
    router: createApiRouter(services),
    connections,
    services,
    async dispose() {
      services.groups.dispose();
      await connections.disconnectAll();
    },
  };
}
