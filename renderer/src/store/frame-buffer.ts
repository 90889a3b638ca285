/**
 * Collects live values outside React and hands them over at most once per frame, latest value per
 * key winning. However fast snapshots arrive, the store sees one update per animation frame.
 */
export interface FrameBuffer<K, V> {
  push(key: K, value: V): void;
  /** Drops anything waiting for `key` (its subscription ended). */
  drop(key: K): void;
}

export function createFrameBuffer<K, V>(
  scheduleFrame: (callback: () => void) => void,
  apply: (batch: ReadonlyMap<K, V>) => void,
): FrameBuffer<K, V> {
  let pending = new Map<K, V>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    apply(batch);
  };

  return {
    push(key, value) {
      pending.set(key, value);
      if (!scheduled) {
        scheduled = true;
        scheduleFrame(flush);
      }
    },
    drop(key) {
      pending.delete(key);
    },
  };
}
