import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { errorMessage } from './ui';
import { makeStore } from './test-support';

describe('ui slice', () => {
  it('shows an AppError message as it is, and nothing for a cancelled call', () => {
    const { store } = makeStore({});
    store.getState().reportError(new AppError('AUTH_FAILED', 'Wrong password for user "app". Check the URL.'));
    store.getState().reportError(new AppError('CANCELLED', 'Cancelled.'));
    expect(store.getState().toasts.map((toast) => toast.message)).toEqual(['Wrong password for user "app". Check the URL.']);
  });

  it('never shows a stack trace for an unexpected error', () => {
    const error = new TypeError('x is undefined');
    expect(errorMessage(error)).toBe('Something went wrong in Stream Inspector: x is undefined');
    expect(errorMessage(error)).not.toContain('at ');
  });

  it('does not stack the same message twice and keeps a few at most', () => {
    const { store } = makeStore({});
    for (const message of ['a', 'b', 'a', 'c', 'd', 'e']) store.getState().reportError(new AppError('INTERNAL', message));
    expect(store.getState().toasts.map((toast) => toast.message)).toEqual(['a', 'c', 'd', 'e']);
    const first = store.getState().toasts[0]!;
    store.getState().dismissToast(first.id);
    expect(store.getState().toasts).toHaveLength(3);
  });

  it('stays quiet about failures once the host is gone (the banner says it)', () => {
    const { store } = makeStore({});
    store.getState().markHostLost();
    store.getState().reportError(new AppError('INTERNAL', 'Lost connection'));
    expect(store.getState().toasts).toEqual([]);
    expect(store.getState().hostLost).toBe(true);
  });

  it('switches the right-pane tab', () => {
    const { store } = makeStore({});
    expect(store.getState().tab).toBe('detail');
    store.getState().setTab('groups');
    expect(store.getState().tab).toBe('groups');
  });
});
