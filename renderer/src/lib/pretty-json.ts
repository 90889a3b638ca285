import { applyEdits, format } from 'jsonc-parser';

/**
 * Re-indents JSON text without parsing it into values: a 64-bit integer stays exact, a duplicate
 * key stays visible, and nothing the producer wrote is changed but whitespace.
 */
export const prettyJson = (source: string): string => applyEdits(source, format(source, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
