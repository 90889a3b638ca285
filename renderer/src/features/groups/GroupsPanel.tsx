import { useEffect, useState } from 'react';
import type { ConsumerInfo, GroupInfo } from '../../../../shared/contract/models';
import { formatCount, formatDuration } from '../../lib/format';
import { useApp } from '../../store/context';
import { useNow } from '../../ui/clock';

/** A consumer that holds entries and has not been heard from for this long may be stuck. */
const STUCK_AFTER_MS = 30_000;

/** The selected stream's consumer groups, pushed live by the host while this panel is open. */
export function GroupsPanel({ streamKey }: { streamKey: string }) {
  const connectionId = useApp((state) => state.connection?.id ?? null);
  const watchGroups = useApp((state) => state.watchGroups);
  const snapshot = useApp((state) => state.groupsByKey.get(streamKey));
  const stopped = useApp((state) => state.groupsErrors.get(streamKey));
  const now = useNow();
  const [attempt, setAttempt] = useState(0);

  // Subscribed only while shown, for this stream and connection; never polled from here.
  useEffect(() => (connectionId ? watchGroups(streamKey) : undefined), [connectionId, streamKey, watchGroups, attempt]);

  if (stopped) {
    return (
      <div className="empty">
        <p>Live view stopped: {stopped}</p>
        <button type="button" className="btn btn-small" onClick={() => setAttempt((value) => value + 1)}>
          Try again
        </button>
      </div>
    );
  }
  if (!snapshot) return <p className="empty">Waiting for the first snapshot…</p>;

  const age = Math.max(0, now - snapshot.at);
  return (
    <div className="groups" data-testid="groups-panel">
      <div className="groups-head">
        <span className={snapshot.problem ? 'live-dot paused' : 'live-dot'} aria-hidden />
        <span className="muted" data-testid="groups-updated">
          {snapshot.problem ? 'Paused' : 'Live'} · updated {age < 1500 ? 'just now' : `${Math.floor(age / 1000)} s ago`}
        </span>
        <span className="muted groups-head-right">
          {formatCount(snapshot.length)} entries · last <span className="mono">{snapshot.lastGeneratedId}</span>
        </span>
      </div>
      {snapshot.problem && (
        <p className="note groups-problem" role="status" data-testid="groups-problem">
          Live view paused: {snapshot.problem} Still trying every second; the figures below are the last ones read.
        </p>
      )}
      {snapshot.groups.length === 0 ? (
        <p className="empty">No consumer groups on this stream.</p>
      ) : (
        snapshot.groups.map((group) => <GroupCard key={group.name} group={group} />)
      )}
    </div>
  );
}

function GroupCard({ group }: { group: GroupInfo }) {
  const lagClass = group.lag === null ? 'muted' : group.lag > 0 ? 'warn-text strong' : 'ok-text';
  return (
    <section className="group-card" data-testid={`group-row-${group.name}`} aria-label={`Group ${group.name}`}>
      <h3 className="group-name mono">{group.name}</h3>
      <dl className="group-stats">
        <div>
          <dt>Consumers</dt>
          <dd>{group.consumers.length}</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd className={group.pending > 0 ? 'strong' : undefined} data-testid={`group-pending-${group.name}`}>
            {formatCount(group.pending)}
          </dd>
        </div>
        <div>
          <dt>Lag</dt>
          <dd
            className={lagClass}
            data-testid={`group-lag-${group.name}`}
            title={group.lag === null ? 'needs Redis 7.0+' : 'Entries not yet delivered to this group'}
          >
            {group.lag === null ? 'n/a' : formatCount(group.lag)}
          </dd>
        </div>
        <div>
          <dt>Entries read</dt>
          <dd title={group.entriesRead === null ? 'needs Redis 7.0+' : undefined} className={group.entriesRead === null ? 'muted' : undefined}>
            {group.entriesRead === null ? 'n/a' : formatCount(group.entriesRead)}
          </dd>
        </div>
        <div className="wide">
          <dt>Last delivered</dt>
          <dd className="mono">{group.lastDeliveredId}</dd>
        </div>
      </dl>
      {group.consumers.length > 0 ? (
        <table className="consumers">
          <thead>
            <tr>
              <th scope="col">Consumer</th>
              <th scope="col" className="num">
                Pending
              </th>
              <th scope="col" className="num">
                Idle
              </th>
              <th scope="col" aria-label="Status" />
            </tr>
          </thead>
          <tbody>
            {group.consumers.map((consumer) => (
              <ConsumerRow key={consumer.name} consumer={consumer} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">No consumers have read from this group yet.</p>
      )}
    </section>
  );
}

function ConsumerRow({ consumer }: { consumer: ConsumerInfo }) {
  const stuck = consumer.pending > 0 && consumer.idleMs > STUCK_AFTER_MS;
  return (
    <tr className={stuck ? 'stuck' : undefined} data-testid={`consumer-row-${consumer.name}`}>
      <td className="mono">{consumer.name}</td>
      <td className="num">{formatCount(consumer.pending)}</td>
      <td className="num" title={consumer.inactiveMs === null ? undefined : `Last successful read ${formatDuration(consumer.inactiveMs)} ago`}>
        {formatDuration(consumer.idleMs)}
      </td>
      <td>
        {stuck && (
          <span className="badge badge-warn" title="Holds pending entries and has been idle for over 30 s">
            stuck?
          </span>
        )}
      </td>
    </tr>
  );
}
