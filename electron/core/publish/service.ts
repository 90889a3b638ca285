/**
 * Publishing is gated here, not in the editor: the event is re-validated with ajv and only a valid
 * event reaches XADD. A read-only connection refuses before anything is sent to Redis.
 */
import { AppError } from '../../../shared/contract/errors';
import type { PublishResult } from '../../../shared/contract/models';
import type { ConnectionService } from '../connections/service';
import { toAppError } from '../errors';
import { idTime } from '../redis/replies';
import { jsonErrorLocation, type SchemaService } from '../schemas/service';

export class PublishService {
  constructor(
    private readonly connections: ConnectionService,
    private readonly schemas: SchemaService,
  ) {}

  async publish(connectionId: string, key: string, event: string, field = this.schemas.eventField, expectedType?: string): Promise<PublishResult> {
    const redis = this.connections.writer(connectionId);
    const validation = this.schemas.validateText(key, event);
    if (expectedType !== undefined && validation.eventType !== undefined && validation.eventType !== expectedType) {
      const message = `The event's event_type is "${validation.eventType}", but it is being written as "${expectedType}". Choose "${validation.eventType}" as the event type, or fix event_type. Nothing was written.`;
      throw new AppError('EVENT_INVALID', message, { issues: [{ path: '/event_type', keyword: 'eventType', message: `is "${validation.eventType}", not "${expectedType}"` }], eventType: validation.eventType, schemaId: null });
    }
    if (validation.status === 'not-json') {
      const location = jsonErrorLocation(event);
      throw new AppError('NOT_JSON', `${validation.message} Nothing was written.`, location && { line: location.line, column: location.column });
    }
    if (validation.status === 'invalid') {
      const count = validation.issues?.length ?? 0;
      throw new AppError('EVENT_INVALID', `The event does not match its schema (${count} error${count === 1 ? '' : 's'}), so nothing was written. Fix the listed fields and publish again.`, {
        issues: validation.issues ?? [],
        eventType: validation.eventType ?? null,
        schemaId: validation.schemaId ?? null,
      });
    }
    try {
      // Publish exactly the text that was validated (a re-serialised copy could differ in key order or spacing).
      const id = await redis.xadd(key, '*', field, event);
      if (!id) throw new AppError('REDIS_ERROR', 'Redis did not return an ID for the new entry.');
      return {
        id,
        entry: { id, timeMs: idTime(id), fields: [{ name: { kind: 'text', text: field }, value: { kind: 'text', text: event } }], validation },
      };
    } catch (error) {
      throw toAppError(error, this.connections.target(connectionId));
    }
  }
}
