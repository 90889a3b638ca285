import type { ConnectionInfo } from '../../../shared/contract/models';
import type { SliceCreator } from './types';

export interface ConnectionSlice {
  connection: ConnectionInfo | null;
  connectStatus: 'idle' | 'connecting' | 'disconnecting';
  /** Opens a connection; resolves true when connected. Failures are reported, not thrown. */
  connect(url: string, readOnly: boolean): Promise<boolean>;
  disconnect(): Promise<void>;
  /** Picks up a connection the host already opened (the browser host's `--redis`). */
  adoptOpenConnection(): Promise<void>;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get, { client }) => {
  const useConnection = (connection: ConnectionInfo) => {
    set({ connection, connectStatus: 'idle' });
    get().resetStreams();
    get().resetEntries();
    get().resetGroups();
    void get().loadStreams();
  };

  return {
    connection: null,
    connectStatus: 'idle',

    async connect(url, readOnly) {
      if (get().connectStatus !== 'idle') return false;
      set({ connectStatus: 'connecting' });
      const previous = get().connection;
      try {
        const connection = await client.connections.connect({ url: url.trim(), readOnly });
        get().clearToasts();
        useConnection(connection);
        if (previous && previous.id !== connection.id) {
          client.connections.disconnect({ connectionId: previous.id }).catch(() => undefined);
        }
        return true;
      } catch (error) {
        set({ connectStatus: 'idle' });
        get().reportError(error);
        return false;
      }
    },

    async disconnect() {
      const connection = get().connection;
      if (!connection || get().connectStatus !== 'idle') return;
      set({ connectStatus: 'disconnecting' });
      get().cancelStreams();
      try {
        await client.connections.disconnect({ connectionId: connection.id });
      } catch (error) {
        // Already closed on the host side is the outcome we wanted.
        if (!(error instanceof Error && 'code' in error && error.code === 'NOT_CONNECTED')) get().reportError(error);
      }
      set({ connection: null, connectStatus: 'idle' });
      get().resetStreams();
      get().resetEntries();
      get().resetGroups();
    },

    async adoptOpenConnection() {
      try {
        const open = await client.connections.list({});
        const newest = open.at(-1);
        if (newest && !get().connection) useConnection(newest);
      } catch (error) {
        get().reportError(error);
      }
    },
  };
};
