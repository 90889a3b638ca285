import { createStore } from 'zustand/vanilla';
import { createConnectionSlice } from './connection';
import { createEditorSlice } from './editor';
import { createEntriesSlice } from './entries';
import { createGroupsSlice } from './groups';
import { createStreamsSlice } from './streams';
import type { AppState, AppStore, StoreDeps } from './types';
import { createUiSlice } from './ui';

/** Builds the one store of the renderer from its slices. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createUiSlice(set, get, deps),
    ...createConnectionSlice(set, get, deps),
    ...createStreamsSlice(set, get, deps),
    ...createEntriesSlice(set, get, deps),
    ...createGroupsSlice(set, get, deps),
    ...createEditorSlice(set, get, deps),
  }));
}
