import { useMemo } from 'react';
import { tokenizeJson } from '../../lib/json-tokens';
import { prettyJson } from '../../lib/pretty-json';

/** Above this size the JSON is shown without colours: tokenizing megabytes is not worth it. */
const COLOUR_LIMIT = 200_000;

/** Pretty-printed JSON with light syntax colouring, from the producer's own text (see prettyJson). */
export function JsonView({ source }: { source: string }) {
  const text = useMemo(() => prettyJson(source), [source]);
  const tokens = useMemo(() => (text.length > COLOUR_LIMIT ? null : tokenizeJson(text)), [text]);
  return (
    <pre className="code-block json-view" data-testid="json-view">
      {tokens
        ? tokens.map((token, index) =>
            token.kind === 'space' || token.kind === 'punct' ? (
              token.text
            ) : (
              <span key={index} className={`json-${token.kind}`}>
                {token.text}
              </span>
            ),
          )
        : text}
    </pre>
  );
}
