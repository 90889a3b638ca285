import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../../store/context';
import { StreamsGlyph } from '../../ui/icons';

/** App title, the connection form, and once connected what we are connected to. */
/** The last server connected to, as its label: never a password, so it is safe to keep. */
const LAST_URL_KEY = 'stream-inspector:last-url';

function readLastUrl(): string {
  try {
    return localStorage.getItem(LAST_URL_KEY) ?? '';
  } catch {
    return '';
  }
}

export function TopBar() {
  const connection = useApp((state) => state.connection);
  useEffect(() => {
    if (!connection) return;
    try {
      localStorage.setItem(LAST_URL_KEY, connection.label);
    } catch {
      // Storage refused: the field simply starts empty next time.
    }
  }, [connection]);
  return (
    <header className="topbar">
      <div className="brand">
        <StreamsGlyph />
        <span>Stream Inspector</span>
      </div>
      {connection ? <ConnectionStatus /> : <ConnectForm />}
    </header>
  );
}

function ConnectForm() {
  const connect = useApp((state) => state.connect);
  const connecting = useApp((state) => state.connectStatus === 'connecting');
  const [url, setUrl] = useState(readLastUrl);
  const [readOnly, setReadOnly] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (url.trim()) void connect(url, readOnly);
  };

  return (
    <form className="connect-form" onSubmit={submit} aria-label="Connect to Redis">
      <input
        className="input input-mono connect-url"
        type="text"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        placeholder="redis://localhost:6379"
        aria-label="Redis URL"
        data-testid="connect-url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        disabled={connecting}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={readOnly}
          onChange={(event) => setReadOnly(event.target.checked)}
          disabled={connecting}
          data-testid="connect-read-only"
        />
        Read-only
      </label>
      <button type="submit" className="btn btn-primary" data-testid="connect-button" disabled={connecting || !url.trim()}>
        {connecting ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

function ConnectionStatus() {
  const connection = useApp((state) => state.connection)!;
  const disconnect = useApp((state) => state.disconnect);
  const busy = useApp((state) => state.connectStatus !== 'idle');
  const hostLost = useApp((state) => state.hostLost);
  return (
    <div className="connection-status" data-testid="connection-status">
      <span className={hostLost ? 'status-dot off' : 'status-dot'} aria-hidden />
      <span className="connection-label mono" title={connection.label} data-testid="connection-label">
        {connection.label}
      </span>
      <span className="chip" data-testid="server-info" title="Server version and mode">
        Redis {connection.server.version} · {connection.server.mode}
      </span>
      {connection.readOnly && (
        <span className="chip chip-warn" title="Writes are refused before they reach Redis">
          read-only
        </span>
      )}
      <button type="button" className="btn" onClick={() => void disconnect()} disabled={busy} data-testid="disconnect-button">
        Disconnect
      </button>
    </div>
  );
}
