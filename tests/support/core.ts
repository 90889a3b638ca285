/** Builds real core services over a real redis-server for tests. */
import { resolve } from 'node:path';
import { createCore, type Core } from '../../electron/core';

export const PROJECT_SCHEMAS_DIR = resolve(import.meta.dirname, '../../schemas');

export async function coreWithConnection(url: string, options: { readOnly?: boolean; schemasDir?: string } = {}): Promise<{ core: Core; connectionId: string }> {
  const core = await createCore({ schemasDir: options.schemasDir ?? PROJECT_SCHEMAS_DIR });
  const info = await core.connections.connect({ url, readOnly: options.readOnly });
  return { core, connectionId: info.id };
}
