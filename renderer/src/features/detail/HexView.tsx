/** A value that is not UTF-8: hex bytes, 16 per line with offsets, never decoded into text. */
export function HexView({ hex, byteLength }: { hex: string; byteLength: number }) {
  const lines: string[] = [];
  for (let offset = 0; offset < hex.length; offset += 32) {
    const bytes = hex.slice(offset, offset + 32).match(/../g) ?? [];
    lines.push(`${(offset / 2).toString(16).padStart(6, '0')}  ${bytes.join(' ')}`);
  }
  return (
    <div className="hex-view" data-testid="hex-view">
      <div className="value-kind">
        binary · {byteLength} {byteLength === 1 ? 'byte' : 'bytes'} · not UTF-8, shown as hex
      </div>
      <pre className="code-block mono">{lines.join('\n')}</pre>
    </div>
  );
}
