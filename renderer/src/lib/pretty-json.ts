import { format } from 'jsonc-parser';

/** Above this many characters of output the text is shown as the producer wrote it. */
const MAX_OUTPUT = 2_000_000;

/**
 * Re-indents JSON text without parsing it into values: a 64-bit integer stays exact, a duplicate
 * key stays visible, and nothing the producer wrote is changed but whitespace. The edits are
 * applied in one pass (jsonc-parser's applyEdits copies the whole text per edit), and a text whose
 * indentation would explode (thousands of nesting levels) is returned as it is.
 */
export function prettyJson(source: string): string {
  let edits: ReturnType<typeof format>;
  try {
    edits = format(source, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }).sort((a, b) => a.offset - b.offset);
  } catch {
    return source;
  }
  const pieces: string[] = [];
  let position = 0;
  let size = 0;
  for (const edit of edits) {
    // The formatter gives up on very deep nesting (edits without content): show the text as it is.
    if (typeof edit.content !== 'string') return source;
    const kept = source.slice(position, edit.offset);
    size += kept.length + edit.content.length;
    if (size > MAX_OUTPUT) return source;
    pieces.push(kept, edit.content);
    position = edit.offset + edit.length;
  }
  pieces.push(source.slice(position));
  return pieces.join('');
}
