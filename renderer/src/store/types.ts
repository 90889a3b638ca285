/**
 * The shape of the one renderer store. Each slice lives in its own file with its actions; this
 * file only joins them. Redis state lives in main: the store keeps UI state and the data last
 * fetched for display.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../shared/contract/api';
import type { Client } from '../../../shared/rpc/client';
import type { ConnectionSlice } from './connection';
import type { EditorSlice } from './editor';
import type { EntriesSlice } from './entries';
import type { GroupsSlice } from './groups';
import type { StreamsSlice } from './streams';
import type { UiSlice } from './ui';

export type AppClient = Client<Api>;

/** The storage the editor drafts persist to (window.localStorage in the app). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface StoreDeps {
  client: AppClient;
  storage: KeyValueStorage | null;
  /** Runs a callback before the next paint (requestAnimationFrame in the app). */
  scheduleFrame: (callback: () => void) => void;
  now: () => number;
}

export type AppState = UiSlice & ConnectionSlice & StreamsSlice & EntriesSlice & GroupsSlice & EditorSlice;

export type SetState = StoreApi<AppState>['setState'];
export type GetState = StoreApi<AppState>['getState'];
export type SliceCreator<Slice> = (set: SetState, get: GetState, deps: StoreDeps) => Slice;
export type AppStore = StoreApi<AppState>;
