/**
 * How the desktop host hands the API to the renderer: the preload exposes the bridged client (see
 * bridge.ts) under one key of `window`, and the renderer's transport file looks for it there.
 */
import type { Api } from '../contract/api';
import type { Bridged } from './bridge';

/** The one key the preload sets on the renderer's `window`. */
export const BRIDGE_KEY = 'streamInspector';

/** What `window.streamInspector` holds under the desktop host. */
export type StreamInspectorBridge = Bridged<Api>;

/**
 * The bridged API when the page runs under the desktop host, otherwise undefined (browser host).
 * Takes the global scope as a parameter so shared/ needs no DOM types.
 */
export function findBridge(scope: object = globalThis): StreamInspectorBridge | undefined {
  const value = (scope as Record<string, unknown>)[BRIDGE_KEY];
  return typeof value === 'object' && value !== null ? (value as StreamInspectorBridge) : undefined;
}
