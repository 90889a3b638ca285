/**
 * The Monaco JSON editor for event drafts. Loaded lazily: Monaco is most of the page's weight and
 * only the Publish tab needs it.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { configureJsonSchemas, monaco, type SchemaDocument } from './monaco';

export interface JsonEditorProps {
  modelPath: string;
  value: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  documents: SchemaDocument[];
  schemaId: string | null;
  onDiagnostics: (count: { errors: number; warnings: number }) => void;
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
const subscribeScheme = (listener: () => void) => {
  const query = darkQuery();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
};
const usePrefersDark = () => useSyncExternalStore(subscribeScheme, () => darkQuery().matches);

export default function JsonEditor({ modelPath, value, onChange, onSubmit, documents, schemaId, onDiagnostics }: JsonEditorProps) {
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  const dark = usePrefersDark();

  useEffect(() => {
    configureJsonSchemas(documents, schemaId, modelPath);
  }, [documents, schemaId, modelPath]);

  // The count is read from this model's own markers, so switching drafts never shows another's.
  const diagnosticsRef = useRef(onDiagnostics);
  diagnosticsRef.current = onDiagnostics;
  useEffect(() => {
    const uri = monaco.Uri.parse(modelPath).toString();
    const report = () => {
      const markers = monaco.editor.getModelMarkers({}).filter((marker) => marker.resource.toString() === uri);
      diagnosticsRef.current({
        errors: markers.filter((marker) => marker.severity === monaco.MarkerSeverity.Error).length,
        warnings: markers.filter((marker) => marker.severity === monaco.MarkerSeverity.Warning).length,
      });
    };
    report();
    const subscription = monaco.editor.onDidChangeMarkers((changed) => {
      if (changed.some((resource) => resource.toString() === uri)) report();
    });
    return () => subscription.dispose();
  }, [modelPath]);

  const onMount: OnMount = (editor) => {
    editor.addAction({
      id: 'stream-inspector.publish',
      label: 'Publish event',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => submitRef.current(),
    });
  };

  return (
    <Editor
      // A fresh model per stream and event type: its URI is what the schema's fileMatch names.
      key={modelPath}
      path={modelPath}
      language="json"
      value={value}
      theme={dark ? 'stream-inspector-dark' : 'stream-inspector-light'}
      onChange={(text) => onChange(text ?? '')}
      onMount={onMount}
      loading={<p className="empty">Loading editor…</p>}
      options={{
        minimap: { enabled: false },
        fontSize: 12.5,
        lineHeight: 19,
        fontFamily: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        renderLineHighlight: 'line',
        lineNumbersMinChars: 3,
        folding: true,
        fixedOverflowWidgets: true,
        quickSuggestions: { strings: true, other: true, comments: false },
        // Only what the schema offers: words from the document (UUIDs, timestamps) are noise here.
        wordBasedSuggestions: 'off',
        padding: { top: 8, bottom: 8 },
        wordWrap: 'on',
        scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      }}
    />
  );
}
