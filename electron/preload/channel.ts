/**
 * The single IPC channel between the preload and main. Every RPC message (call, cancel, subscribe,
 * unsubscribe and their replies) travels on it; method names live inside the messages, so no
 * channel name is ever typed per method.
 */
export const IPC_CHANNEL = 'stream-inspector:rpc';
