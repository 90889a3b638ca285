import { isAppError, type ErrorCode } from '../../../shared/contract/errors';
import type { EventTypeSchema, SchemaCatalog, ValidationIssue } from '../../../shared/contract/models';
import { loadEditorState, saveEditorState, type Draft, type PublishedEvent } from './persist';
import type { SliceCreator } from './types';

export type { Draft, PublishedEvent } from './persist';

export type PublishOutcome =
  | { key: string; kind: 'published'; id: string; renewedEventId: boolean }
  | { key: string; kind: 'refused'; code: ErrorCode; message: string; issues: ValidationIssue[] };

export interface DiagnosticsCount {
  errors: number;
  warnings: number;
}

export interface EditorSlice {
  catalog: SchemaCatalog | null;
  catalogStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** The event being written, per stream key (persisted). */
  drafts: Map<string, Draft>;
  /** The last event published from this window, per stream key (persisted). */
  lastPublished: Map<string, PublishedEvent>;
  publishing: boolean;
  publishOutcome: PublishOutcome | null;
  /** Live problems the editor reports for the current draft. */
  diagnostics: DiagnosticsCount;
  loadCatalog(): Promise<void>;
  setDraftText(key: string, text: string): void;
  /**
   * Chooses the draft's event type. What was written for the previous type is kept aside; the new
   * type gets back what was written for it, or its template.
   */
  chooseEventType(key: string, eventType: string): Promise<void>;
  /** Replaces the draft with a template of its event type, with every required field filled in. */
  loadTemplate(key: string): Promise<void>;
  /** Sends the draft to main, which validates it and adds it with XADD. */
  publish(key: string): Promise<void>;
  dismissPublishOutcome(): void;
  setDiagnostics(count: DiagnosticsCount): void;
}

const DLQ_SUFFIX = '.dlq';
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The same text with a new UUID as its top-level `event_id`, if it has a UUID there. Only that
 * value is replaced, in place, so the rest of the text (layout, other fields) stays as written.
 */
export function withFreshEventId(text: string, uuid: () => string = () => crypto.randomUUID()): string {
  let current: unknown;
  try {
    current = (JSON.parse(text) as { event_id?: unknown }).event_id;
  } catch {
    return text;
  }
  if (typeof current !== 'string' || !UUID.test(current)) return text;
  const pattern = new RegExp(`("event_id"\\s*:\\s*")${current}(")`);
  return text.replace(pattern, (_match, before: string, after: string) => `${before}${uuid()}${after}`);
}

/** Event types the catalog knows for a stream; a dead-letter stream shares its base stream's. */
export function eventTypesFor(catalog: SchemaCatalog | null, key: string | null): EventTypeSchema[] {
  if (!catalog || key === null) return [];
  const exact = catalog.streams.find((stream) => stream.stream === key);
  if (exact) return exact.eventTypes;
  if (key.endsWith(DLQ_SUFFIX)) {
    const base = key.slice(0, -DLQ_SUFFIX.length);
    return catalog.streams.find((stream) => stream.stream === base)?.eventTypes ?? [];
  }
  return [];
}

export const createEditorSlice: SliceCreator<EditorSlice> = (set, get, { client, storage, now }) => {
  const saved = loadEditorState(storage);
  let warnedAboutStorage = false;

  const persist = () => {
    const ok = saveEditorState(storage, { drafts: get().drafts, lastPublished: get().lastPublished });
    if (!ok && !warnedAboutStorage) {
      warnedAboutStorage = true;
      get().notify('Drafts could not be saved in this browser’s storage; they will be lost on reload.');
    }
  };

  const writeDraft = (key: string, change: Partial<Omit<Draft, 'updatedAt'>>) => {
    set((state) => {
      const previous = state.drafts.get(key) ?? { eventType: null, text: '', updatedAt: 0 };
      return { drafts: new Map(state.drafts).set(key, { ...previous, ...change, updatedAt: now() }) };
    });
    persist();
  };

  return {
    catalog: null,
    catalogStatus: 'idle',
    drafts: saved.drafts,
    lastPublished: saved.lastPublished,
    publishing: false,
    publishOutcome: null,
    diagnostics: { errors: 0, warnings: 0 },

    async loadCatalog() {
      if (get().catalogStatus === 'loading') return;
      set({ catalogStatus: 'loading' });
      try {
        const catalog = await client.schemas.catalog({});
        set({ catalog, catalogStatus: 'ready' });
      } catch (error) {
        set({ catalogStatus: 'error' });
        get().reportError(error);
      }
    },

    setDraftText(key, text) {
      if (get().drafts.get(key)?.text === text) return;
      writeDraft(key, { text });
    },

    async chooseEventType(key, eventType) {
      const draft = get().drafts.get(key);
      if (draft?.eventType === eventType) {
        if (draft.text.trim() === '') await get().loadTemplate(key);
        return;
      }
      // The text written for the previous type is kept aside, and comes back with that type.
      if (draft && draft.eventType === null && draft.text.trim() !== '') {
        // Text written before any type was chosen belongs to the type chosen now.
        writeDraft(key, { eventType });
        return;
      }
      const others = { ...(draft?.others ?? {}) };
      if (draft?.eventType && draft.text.trim() !== '') others[draft.eventType] = draft.text;
      const kept = others[eventType];
      delete others[eventType];
      writeDraft(key, { eventType, text: kept ?? '', others });
      if (kept === undefined) await get().loadTemplate(key);
    },

    async loadTemplate(key) {
      const eventType = get().drafts.get(key)?.eventType;
      if (!eventType) return;
      try {
        const text = await client.schemas.template({ stream: key, eventType });
        // The user may have picked another type meanwhile; that choice wins.
        if (get().drafts.get(key)?.eventType === eventType) writeDraft(key, { text });
      } catch (error) {
        get().reportError(error);
      }
    },

    async publish(key) {
      const connection = get().connection;
      const draft = get().drafts.get(key);
      if (!connection || !draft || get().publishing) return;
      set({ publishing: true, publishOutcome: null });
      try {
        // The type the editor checked it as: main refuses an event whose event_type says otherwise.
        const result = await client.publish.publish({ connectionId: connection.id, key, event: draft.text, ...(draft.eventType ? { eventType: draft.eventType } : {}) });
        // The same event_id twice would be dropped by consumers that de-duplicate: the draft gets a new one.
        const renewed = withFreshEventId(draft.text);
        set((state) => ({
          publishing: false,
          publishOutcome: { key, kind: 'published', id: result.id, renewedEventId: renewed !== draft.text },
          lastPublished: new Map(state.lastPublished).set(key, {
            id: result.id,
            eventType: draft.eventType,
            text: draft.text,
            at: now(),
          }),
        }));
        persist();
        get().insertPublishedEntry(key, result.entry);
        if (renewed !== draft.text && get().drafts.get(key)?.text === draft.text) writeDraft(key, { text: renewed });
      } catch (error) {
        if (isAppError(error)) {
          const issues = Array.isArray(error.details?.issues) ? (error.details.issues as ValidationIssue[]) : [];
          set({ publishing: false, publishOutcome: { key, kind: 'refused', code: error.code, message: error.message, issues } });
        } else {
          set({ publishing: false });
          get().reportError(error);
        }
      }
    },

    dismissPublishOutcome: () => set({ publishOutcome: null }),

    setDiagnostics(count) {
      const current = get().diagnostics;
      if (current.errors !== count.errors || current.warnings !== count.warnings) set({ diagnostics: count });
    },
  };
};
