/**
 * Editor drafts and the last published event per stream, kept in local storage so a crash or a
 * reload loses nothing. Unreadable saved data is ignored rather than breaking the editor.
 */
import type { KeyValueStorage } from './types';

export const DRAFTS_STORAGE_KEY = 'stream-inspector:drafts:v1';

export interface Draft {
  eventType: string | null;
  text: string;
  updatedAt: number;
  /** Texts written for the stream's other event types, kept while another type is chosen. */
  others?: Record<string, string>;
}

export interface PublishedEvent {
  id: string;
  eventType: string | null;
  text: string;
  at: number;
}

export interface SavedEditorState {
  drafts: Map<string, Draft>;
  lastPublished: Map<string, PublishedEvent>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isDraft = (value: unknown): value is Draft =>
  isObject(value) &&
  typeof value.text === 'string' &&
  (value.eventType === null || typeof value.eventType === 'string') &&
  typeof value.updatedAt === 'number' &&
  (value.others === undefined || (isObject(value.others) && Object.values(value.others).every((text) => typeof text === 'string')));

const isPublished = (value: unknown): value is PublishedEvent =>
  isObject(value) &&
  typeof value.id === 'string' &&
  typeof value.text === 'string' &&
  (value.eventType === null || typeof value.eventType === 'string') &&
  typeof value.at === 'number';

function readMap<T>(value: unknown, check: (item: unknown) => item is T): Map<string, T> {
  const map = new Map<string, T>();
  if (!isObject(value)) return map;
  for (const [key, item] of Object.entries(value)) if (check(item)) map.set(key, item);
  return map;
}

export function loadEditorState(storage: KeyValueStorage | null): SavedEditorState {
  const empty = { drafts: new Map(), lastPublished: new Map() };
  if (!storage) return empty;
  try {
    const raw = storage.getItem(DRAFTS_STORAGE_KEY);
    if (!raw) return empty;
    const saved: unknown = JSON.parse(raw);
    if (!isObject(saved)) return empty;
    return { drafts: readMap(saved.drafts, isDraft), lastPublished: readMap(saved.lastPublished, isPublished) };
  } catch {
    return empty;
  }
}

/** Returns false when the storage refused the write (full, or disabled). */
export function saveEditorState(storage: KeyValueStorage | null, state: SavedEditorState): boolean {
  if (!storage) return true;
  try {
    storage.setItem(
      DRAFTS_STORAGE_KEY,
      JSON.stringify({ drafts: Object.fromEntries(state.drafts), lastPublished: Object.fromEntries(state.lastPublished) }),
    );
    return true;
  } catch {
    return false;
  }
}
