import { useMemo, useState } from 'react';
import type { RedisValue, StreamEntry } from '../../../../shared/contract/models';
import { parseJsonObject } from '../../lib/entry-preview';
import { formatBytes, formatFullTime, formatRelative } from '../../lib/format';
import { useApp } from '../../store/context';
import { selectSelectedEntry } from '../../store/entries';
import { useNow } from '../../ui/clock';
import { ValidityBadge } from '../entries/ValidityBadge';
import { HexView } from './HexView';
import { JsonView } from './JsonView';

/** Everything about the selected entry: ID, time, schema verdict and every field in order. */
export function DetailPanel() {
  const entry = useApp(selectSelectedEntry);
  if (!entry) {
    return (
      <div className="detail" data-testid="entry-detail">
        <p className="empty">Select an entry to see its fields.</p>
      </div>
    );
  }
  return <EntryDetail entry={entry} />;
}

function EntryDetail({ entry }: { entry: StreamEntry }) {
  const now = useNow();
  const { validation } = entry;
  return (
    <div className="detail" data-testid="entry-detail">
      <div className="detail-head">
        <div className="detail-id mono" data-testid="detail-id">
          {entry.id}
        </div>
        <div className="muted">
          {formatFullTime(entry.timeMs)} · {formatRelative(entry.timeMs, now)}
        </div>
      </div>

      <div className="detail-validation">
        <ValidityBadge validation={validation} />
        {validation.eventType && <span className="event-type">{validation.eventType}</span>}
        {validation.schemaId && (
          <span className="muted mono schema-id" title="Schema">
            {validation.schemaId}
          </span>
        )}
      </div>

      {validation.status === 'invalid' && (
        <div className="issues" role="group" aria-label="Schema errors" data-testid="entry-issues">
          <div className="issues-title">
            Does not match its schema — {validation.issues?.length ?? 0}{' '}
            {(validation.issues?.length ?? 0) === 1 ? 'error' : 'errors'}
          </div>
          <ul>
            {(validation.issues ?? []).map((issue, index) => (
              <li key={index}>
                <code>{issue.path || '(root)'}</code> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {validation.status !== 'invalid' && validation.status !== 'valid' && validation.message && (
        <p className="note">{validation.message}</p>
      )}

      {entry.fields.some((field) => field.name.truncatedFrom !== undefined || (field.value.kind === 'text' && field.value.truncatedFrom !== undefined)) && (
        <WholeEntryNotice entry={entry} />
      )}

      <div className="fields">
        {entry.fields.map((field, index) => (
          <div className="field" key={index}>
            <div className="field-name mono" title={field.name.kind === 'binary' ? 'Field name is not UTF-8; shown as hex' : undefined}>
              {field.name.kind === 'text' ? field.name.text : `0x${field.name.hex}`}
            </div>
            <FieldValue value={field.value} />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Long values arrive cut to their first 64 KiB; this fetches the entry whole. */
function WholeEntryNotice({ entry }: { entry: StreamEntry }) {
  const key = useApp((state) => state.selectedKey);
  const loadWholeEntry = useApp((state) => state.loadWholeEntry);
  const [loading, setLoading] = useState(false);
  const largest = Math.max(...entry.fields.map((field) => field.value.truncatedFrom ?? 0));
  return (
    <div className="note truncated-note" data-testid="truncated-note">
      Long values are shown cut to their first 64 KiB (the largest is {formatBytes(largest)}).{' '}
      <button
        type="button"
        className="link-button"
        disabled={loading || key === null}
        onClick={() => {
          if (key === null) return;
          setLoading(true);
          void loadWholeEntry(key, entry.id).finally(() => setLoading(false));
        }}
      >
        {loading ? 'Loading…' : 'Show whole values'}
      </button>
    </div>
  );
}

function FieldValue({ value }: { value: RedisValue }) {
  const isJson = useMemo(() => value.kind === 'text' && value.truncatedFrom === undefined && parseJsonObject(value.text) !== null, [value]);
  if (value.kind === 'binary') return <HexView hex={value.hex} byteLength={value.byteLength} />;
  if (isJson) return <JsonView source={value.text} />;
  const short = value.text.length <= 120 && !value.text.includes('\n');
  return (
    <pre className={short ? 'code-block text-value short' : 'code-block text-value'}>
      {value.text === '' ? <span className="muted">(empty)</span> : value.text}
    </pre>
  );
}
