/** Characters safe both in a model URI and in a JSON schema fileMatch glob. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

/** One editor model per stream and event type, so the schema's fileMatch picks the right schema. */
export const draftModelPathFor = (stream: string, eventType: string | null): string =>
  `inmemory://drafts/${safe(stream)}/${safe(eventType ?? 'untyped')}.json`;
