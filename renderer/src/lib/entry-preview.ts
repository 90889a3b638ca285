/**
 * One-line summaries of entries for the list, computed once per entry object (entries are never
 * mutated, so a WeakMap keyed by the entry is a safe cache).
 */
import type { RedisValue, StreamEntry } from '../../../shared/contract/models';

export interface EntryPreview {
  /** The event type when known (from validation or the event JSON). */
  eventType: string | null;
  /** A compact rendering of the content, cut to a sensible length. */
  text: string;
}

const MAX_PREVIEW = 240;
const cache = new WeakMap<StreamEntry, EntryPreview>();

export const valueText = (value: RedisValue): string =>
  value.kind === 'text' ? value.text : `<${value.byteLength} bytes>`;

const clip = (text: string) => (text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text);

/** Parses text that looks like a JSON object or array; anything else is null. */
export function parseJsonObject(text: string): Record<string, unknown> | unknown[] | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown> | unknown[]) : null;
  } catch {
    return null;
  }
}

const TYPE_KEYS = ['eventType', 'event_type', 'type'];

/** `key=value` for the top-level members of an object; nested values are abbreviated. */
function summarizeObject(object: Record<string, unknown>): string {
  return Object.entries(object)
    .map(([key, value]) => {
      if (value === null || typeof value !== 'object') return `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
      return Array.isArray(value) ? `${key}=[${value.length}]` : `${key}={…}`;
    })
    .join('  ');
}

export function entryPreview(entry: StreamEntry): EntryPreview {
  const cached = cache.get(entry);
  if (cached) return cached;

  let eventType = entry.validation.eventType ?? null;
  let body: string | null = null;
  const others: string[] = [];
  for (const field of entry.fields) {
    const json = body === null && field.value.kind === 'text' ? parseJsonObject(field.value.text) : null;
    if (json && !Array.isArray(json)) {
      if (!eventType) {
        const typeKey = TYPE_KEYS.find((key) => typeof json[key] === 'string');
        if (typeKey) eventType = json[typeKey] as string;
      }
      const inner = json.payload ?? json.data;
      body = summarizeObject(inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : json);
    } else {
      others.push(`${valueText(field.name)}=${clip(valueText(field.value))}`);
    }
  }
  // Plain fields first: on a dead-letter entry the failure reason matters most.
  const text = clip([...others, ...(body === null ? [] : [body])].join('  '));
  const preview = { eventType, text };
  cache.set(entry, preview);
  return preview;
}
