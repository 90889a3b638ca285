/** Builds real core services over a real redis-server for tests. */
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createCore, type Core } from '../../electron/core';

export const PROJECT_SCHEMAS_DIR = resolve(import.meta.dirname, '../../schemas');

export async function coreWithConnection(url: string, options: { readOnly?: boolean; schemasDir?: string } = {}): Promise<{ core: Core; connectionId: string }> {
  const core = await createCore({ schemasDir: options.schemasDir ?? PROJECT_SCHEMAS_DIR });
  const info = await core.connections.connect({ url, readOnly: options.readOnly });
  return { core, connectionId: info.id };
}

/** Vitest hooks: a core connected to the fixture's redis-server for the whole file, disposed after. */
export function useConnectedCore(fixture: { readonly url: string }): { readonly core: Core; readonly connectionId: string } {
  let made: { core: Core; connectionId: string } | undefined;
  beforeAll(async () => {
    made = await coreWithConnection(fixture.url);
  });
  afterAll(() => made?.core.dispose());
  const get = () => {
    if (!made) throw new Error('core not created yet');
    return made;
  };
  return {
    get core() {
      return get().core;
    },
    get connectionId() {
      return get().connectionId;
    },
  };
}
