/**
 * Monaco, loaded from our own bundle (never a CDN) with only what the JSON editor needs: the core
 * editor, its standard contributions (suggest, hover, find, …) and the JSON language.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

loader.config({ monaco: monaco as never });

// Lets end-to-end tests read the editor's markers; harmless in the app.
(window as unknown as { monaco?: typeof monaco }).monaco = monaco;

monaco.editor.defineTheme('stream-inspector-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editor.lineHighlightBackground': '#f5f7fa' },
});
monaco.editor.defineTheme('stream-inspector-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1b1e24', 'editorGutter.background': '#1b1e24', 'editor.lineHighlightBackground': '#22262e' },
});

export { monaco, jsonDefaults };

export interface SchemaDocument {
  id: string;
  schema: unknown;
}

/**
 * Registers every schema document (so `$ref`s between them resolve) and ties the chosen event
 * type's schema to the draft's model. Schema violations count as errors, as they do in main.
 */
export function configureJsonSchemas(documents: SchemaDocument[], schemaId: string | null, modelPath: string): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    schemaValidation: 'error',
    schemas: documents.map((document) => ({
      uri: document.id,
      schema: document.schema as never,
      ...(document.id === schemaId ? { fileMatch: [modelPath] } : {}),
    })),
  });
}
