import { HOST_LOST_MESSAGE } from '../api/ws-transport';
import { useApp } from '../store/context';

/** Shown when the page lost its host for good: nothing works until it is restarted and reloaded. */
export function HostLostBanner() {
  const lost = useApp((state) => state.hostLost);
  const message = useApp((state) => state.hostLostMessage);
  if (!lost) return null;
  return (
    <div className="host-lost" role="alert" data-testid="host-lost">
      <span>{message ?? HOST_LOST_MESSAGE}</span>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
