import { isAppError } from '../../../shared/contract/errors';
import type { SliceCreator } from './types';

export type RightTab = 'detail' | 'groups' | 'publish';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface UiSlice {
  /** The tab shown in the right pane. */
  tab: RightTab;
  /** Newest last; errors stay until dismissed. */
  toasts: Toast[];
  /** The page lost its host (browser host stopped); nothing works until a reload. */
  hostLost: boolean;
  /** What to tell the user about the lost host, when known better than the general message. */
  hostLostMessage: string | null;
  setTab(tab: RightTab): void;
  /** Shows a failed call's message. A cancelled call is not a failure and shows nothing. */
  reportError(error: unknown): void;
  notify(message: string): void;
  dismissToast(id: number): void;
  /** Drops every message (after a successful connect, older failures are moot). */
  clearToasts(): void;
  markHostLost(message?: string): void;
}

const MAX_TOASTS = 4;

/** What to show for a failure: an AppError's message is written for people; anything else is a bug. */
export function errorMessage(error: unknown): string {
  if (isAppError(error)) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong in Stream Inspector: ${detail}`;
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  let nextToastId = 1;
  const push = (kind: Toast['kind'], message: string) =>
    set((state) => {
      // The same message again moves to the end instead of stacking up.
      const others = state.toasts.filter((toast) => toast.message !== message);
      return { toasts: [...others, { id: nextToastId++, kind, message }].slice(-MAX_TOASTS) };
    });

  return {
    tab: 'detail',
    toasts: [],
    hostLost: false,
    hostLostMessage: null,
    setTab: (tab) => set({ tab }),
    reportError(error) {
      if (isAppError(error) && error.code === 'CANCELLED') return;
      // Once the host is gone every call fails the same way; the banner already says so.
      if (get().hostLost) return;
      push('error', errorMessage(error));
    },
    notify: (message) => push('info', message),
    dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
    clearToasts: () => set({ toasts: [] }),
    // The banner says it all: messages of calls that failed with the host are dropped.
    markHostLost: (message) => set((state) => ({ hostLost: true, hostLostMessage: message ?? state.hostLostMessage, toasts: [] })),
  };
};
