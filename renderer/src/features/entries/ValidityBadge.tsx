import type { Validation } from '../../../../shared/contract/models';

const LOOK: Record<Validation['status'], { label: string; tone: string; hint: string }> = {
  valid: { label: 'valid', tone: 'ok', hint: 'Matches its schema' },
  invalid: { label: 'invalid', tone: 'bad', hint: 'Does not match its schema' },
  'no-schema': { label: 'no schema', tone: 'neutral', hint: 'No schema is known for this event type' },
  'not-json': { label: 'not JSON', tone: 'warn', hint: 'The event field is not JSON' },
  'no-event-field': { label: 'no event', tone: 'neutral', hint: 'The entry has no event field' },
};

export function ValidityBadge({ validation }: { validation: Validation }) {
  const look = LOOK[validation.status];
  const hint = validation.schemaId ? `${look.hint} (${validation.schemaId})` : look.hint;
  return (
    <span className={`badge badge-${look.tone}`} title={validation.message ?? hint} data-status={validation.status}>
      {look.label}
    </span>
  );
}
