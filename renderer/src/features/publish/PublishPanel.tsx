import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { draftModelPathFor } from './model-path';
import { useApp } from '../../store/context';
import { eventTypesFor } from '../../store/editor';
import { CloseIcon } from '../../ui/icons';

const JsonEditor = lazy(() => import('../../editor/JsonEditor'));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Writes an event for the selected stream against its schema and publishes it through main. */
export function PublishPanel({ streamKey }: { streamKey: string }) {
  const catalog = useApp((state) => state.catalog);
  const catalogStatus = useApp((state) => state.catalogStatus);
  const loadCatalog = useApp((state) => state.loadCatalog);
  const draft = useApp((state) => state.drafts.get(streamKey));
  const chooseEventType = useApp((state) => state.chooseEventType);
  const loadTemplate = useApp((state) => state.loadTemplate);
  const setDraftText = useApp((state) => state.setDraftText);
  const setDiagnostics = useApp((state) => state.setDiagnostics);
  const publish = useApp((state) => state.publish);

  const eventTypes = useMemo(() => eventTypesFor(catalog, streamKey), [catalog, streamKey]);
  const eventType = draft?.eventType ?? null;
  const chosen = eventTypes.find((type) => type.eventType === eventType) ?? null;
  const modelPath = draftModelPathFor(streamKey, eventType);

  useEffect(() => {
    if (catalogStatus === 'idle') void loadCatalog();
  }, [catalogStatus, loadCatalog]);

  // A stream opened here for the first time starts from its first event type's template.
  useEffect(() => {
    if (!draft && eventTypes.length > 0) void chooseEventType(streamKey, eventTypes[0]!.eventType);
  }, [draft, eventTypes, streamKey, chooseEventType]);

  const submit = useCallback(() => void publish(streamKey), [publish, streamKey]);
  const onChange = useCallback((text: string) => setDraftText(streamKey, text), [setDraftText, streamKey]);

  return (
    <div
      className="publish"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      }}
    >
      <div className="publish-toolbar">
        <label className="field-label" htmlFor="event-type">
          Event type
        </label>
        <select
          id="event-type"
          className="select mono"
          data-testid="event-type-select"
          value={eventType ?? ''}
          onChange={(event) => void chooseEventType(streamKey, event.target.value)}
          disabled={eventTypes.length === 0}
        >
          {eventType === null && <option value="">{eventTypes.length ? 'Choose…' : 'No schemas'}</option>}
          {eventType !== null && !chosen && <option value={eventType}>{eventType} (unknown)</option>}
          {eventTypes.map((type) => (
            <option key={type.eventType} value={type.eventType} title={type.title ?? undefined}>
              {type.eventType}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void loadTemplate(streamKey)}
          disabled={!chosen}
          data-testid="new-from-template"
          title="Replace the draft with a template that has every required field"
        >
          New from template
        </button>
      </div>
      {catalogStatus === 'ready' && eventTypes.length === 0 && (
        <p className="note">
          No schemas for <span className="mono">{streamKey}</span> in <span className="mono">{catalog?.dir}</span>: any JSON can be
          published here, without a schema check.
        </p>
      )}
      {catalog && catalog.problems.length > 0 && (
        <details className="note schema-problems" data-testid="schema-problems">
          <summary>
            {catalog.problems.length} schema {catalog.problems.length === 1 ? 'file' : 'files'} could not be loaded
          </summary>
          <ul>
            {catalog.problems.map((problem) => (
              <li key={problem} className="mono small">
                {problem}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="editor-frame" data-testid="publish-editor">
        <Suspense fallback={<p className="empty">Loading editor…</p>}>
          <JsonEditor
            modelPath={modelPath}
            value={draft?.text ?? ''}
            onChange={onChange}
            onSubmit={submit}
            documents={catalog?.documents ?? []}
            schemaId={chosen?.schemaId ?? null}
            onDiagnostics={setDiagnostics}
          />
        </Suspense>
      </div>
      <PublishBar streamKey={streamKey} onSubmit={submit} canPublish={Boolean(draft?.text.trim())} />
      <PublishOutcomeView streamKey={streamKey} />
    </div>
  );
}

function PublishBar({ streamKey, onSubmit, canPublish }: { streamKey: string; onSubmit: () => void; canPublish: boolean }) {
  const diagnostics = useApp((state) => state.diagnostics);
  const publishing = useApp((state) => state.publishing);
  const readOnly = useApp((state) => state.connection?.readOnly ?? false);
  const last = useApp((state) => state.lastPublished.get(streamKey));
  const problems = diagnostics.errors + diagnostics.warnings;
  return (
    <div className="publish-bar">
      <span
        className={problems > 0 ? 'diagnostics has-problems' : 'diagnostics'}
        data-testid="diagnostics-count"
        title="Problems the editor sees; main checks again before writing"
      >
        {problems === 0 ? 'No problems' : `${problems} ${problems === 1 ? 'problem' : 'problems'}`}
      </span>
      <span className="spacer" />
      <span className="muted small nowrap editor-hint" title="In the editor Tab indents. Ctrl+M switches Tab to moving the focus, so the keyboard can leave the editor.">
        <kbd>Ctrl+M</kbd> Tab moves focus
      </span>
      {readOnly && <span className="chip chip-warn">read-only</span>}
      <button
        type="button"
        className="btn btn-primary"
        onClick={onSubmit}
        disabled={publishing || !canPublish}
        data-testid="publish-button"
        title={last ? `Last published from here: ${last.id}${last.eventType ? ` (${last.eventType})` : ''}` : undefined}
        aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
      >
        {publishing ? 'Publishing…' : 'Publish'}
        <kbd>{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
      </button>
    </div>
  );
}

function PublishOutcomeView({ streamKey }: { streamKey: string }) {
  const outcome = useApp((state) => (state.publishOutcome?.key === streamKey ? state.publishOutcome : null));
  const dismiss = useApp((state) => state.dismissPublishOutcome);
  const selectEntry = useApp((state) => state.selectEntry);
  const setTab = useApp((state) => state.setTab);
  if (!outcome) return null;
  if (outcome.kind === 'published') {
    return (
      <div className="outcome outcome-ok" role="status" data-testid="publish-result">
        <span>
          Published{' '}
          <button
            type="button"
            className="link mono"
            title="Show this entry"
            onClick={() => {
              selectEntry(outcome.id);
              setTab('detail');
            }}
          >
            {outcome.id}
          </button>
          {outcome.renewedEventId && <span className="muted"> · the draft now has a new event_id</span>}
        </span>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
          <CloseIcon />
        </button>
      </div>
    );
  }
  return (
    <div className="outcome outcome-bad" role="alert" data-testid="publish-errors">
      <div className="outcome-head">
        <span className="strong">{outcome.message}</span>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
          <CloseIcon />
        </button>
      </div>
      {outcome.issues.length > 0 && (
        <ul className="issue-list">
          {outcome.issues.map((issue, index) => (
            <li key={index}>
              <code>{issue.path || '(root)'}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
