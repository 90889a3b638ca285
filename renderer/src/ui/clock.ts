import { useSyncExternalStore } from 'react';

/**
 * One shared ticking clock for "3 s ago" labels: a single interval while anything shows relative
 * times, none otherwise.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, re-rendering the caller about once a second. */
export const useNow = (): number => useSyncExternalStore(subscribe, () => now);
