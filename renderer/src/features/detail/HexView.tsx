import { formatBytes } from '../../lib/format';

/** Rows shown at most (64 KiB); a longer value says how much is not shown. */
const MAX_ROWS = 4096;

/** A value that is not UTF-8: hex bytes, 16 per line with offsets, never decoded into text. */
export function HexView({ hex, byteLength }: { hex: string; byteLength: number }) {
  const lines: string[] = [];
  for (let offset = 0; offset < hex.length && lines.length < MAX_ROWS; offset += 32) {
    const bytes = hex.slice(offset, offset + 32).match(/../g) ?? [];
    lines.push(`${(offset / 2).toString(16).padStart(6, '0')}  ${bytes.join(' ')}`);
  }
  const shownBytes = Math.min(hex.length / 2, MAX_ROWS * 16);
  return (
    <div className="hex-view" data-testid="hex-view">
      <div className="value-kind">
        binary · {byteLength} {byteLength === 1 ? 'byte' : 'bytes'} · not UTF-8, shown as hex
        {shownBytes < byteLength && ` · first ${formatBytes(shownBytes)} shown`}
      </div>
      <pre className="code-block mono">{lines.join('\n')}</pre>
    </div>
  );
}
