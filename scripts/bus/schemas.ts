/**
 * The seed bus's own schema check, as its consumers run it. It uses the app's schema service, so
 * the demo's spellchecker and the inspector can never disagree about what is valid.
 */
import { DEFAULT_SCHEMAS_DIR } from '../../electron/core';
import { SchemaService } from '../../electron/core/schemas/service';

export { DEFAULT_SCHEMAS_DIR };

export interface EventValidator {
  /** Event types that have a schema, e.g. `user.created`. */
  eventTypes: string[];
  /** The schema's errors as `"/payload/email must match format \"email\""`; empty when the event is valid. */
  check(event: unknown): string[];
}

export function loadEventValidator(dir: string = DEFAULT_SCHEMAS_DIR): EventValidator {
  const schemas = new SchemaService(dir);
  const streamOfType = new Map(schemas.catalog().streams.flatMap(({ stream, eventTypes }) => eventTypes.map(({ eventType }) => [eventType, stream] as const)));
  return {
    eventTypes: [...streamOfType.keys()],
    check(event) {
      if (typeof event !== 'object' || event === null || Array.isArray(event)) return ['event is not a JSON object'];
      const eventType = (event as { event_type?: unknown }).event_type;
      const stream = typeof eventType === 'string' ? streamOfType.get(eventType) : undefined;
      if (!stream) return [`no schema for event type ${JSON.stringify(eventType)}`];
      const result = schemas.validateEvent(stream, event);
      return result.status === 'valid' ? [] : (result.issues ?? []).map((issue) => `${issue.path || '/'} ${issue.message}`);
    },
  };
}
