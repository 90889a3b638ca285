/**
 * Turns whatever ioredis, Node or our own code throws into `{ code, message }` a user can act on.
 * Messages say what happened and what to do; stacks never leave the core.
 */
import { AppError, type RpcErrorData } from '../../shared/contract/errors';

interface ErrorLike {
  message?: string;
  code?: string;
  name?: string;
}

const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

/** Classifies a raw error; `target` ("host:port") makes connection messages concrete. */
export function toAppError(error: unknown, target?: string): AppError {
  if (error instanceof AppError) return error;
  const { message = String(error), code = '', name = '' } = (error ?? {}) as ErrorLike;
  const where = target ? ` at ${target}` : '';

  // Replies from the Redis server.
  if (/^(WRONGPASS|NOAUTH)/.test(message) || /invalid (username-)?password/i.test(message) || /AUTH .*without any password/i.test(message)) {
    return new AppError('AUTH_FAILED', `Redis${where} refused the credentials (${firstLine(message)}). Check the user name and password in the URL.`);
  }
  if (message.startsWith('NOPERM')) {
    return new AppError('NO_PERMISSION', `The Redis user has no permission for this (${firstLine(message)}). Ask for an ACL that allows it, or connect as another user.`);
  }
  if (message.startsWith('LOADING')) {
    return new AppError('LOADING', `Redis${where} is still loading its data into memory. Wait a moment and try again.`);
  }
  if (/^(MOVED|ASK|CLUSTERDOWN|CROSSSLOT)/.test(message)) {
    return new AppError('MOVED', `Redis${where} is part of a cluster (${firstLine(message)}). Cluster connections are not supported yet: connect to a standalone server or replica.`);
  }
  if (message.startsWith('WRONGTYPE')) {
    return new AppError('NOT_FOUND', 'That key holds another type of value, not a stream. Pick a stream key.');
  }
  if (/^ERR no such key/i.test(message)) {
    return new AppError('NOT_FOUND', 'The stream no longer exists (it was deleted or expired). Refresh the stream list.');
  }

  // Network and TLS failures reported by Node.
  if (code === 'ECONNREFUSED') {
    return new AppError('CONNECTION_REFUSED', `Nothing is listening${where}. Check the host and port, and that Redis is running.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('HOST_NOT_FOUND', `The host name${target ? ` in ${target}` : ''} could not be resolved. Check the spelling of the host.`);
  }
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) {
    return new AppError('TIMEOUT', `Redis${where} did not answer in time. Check that the host is reachable (firewall, VPN) and try again.`);
  }
  if (TLS_CODES.test(code) || /SSL|TLS|certificate/i.test(message)) {
    return new AppError('TLS_ERROR', `The TLS connection${where} failed (${firstLine(message)}). Check that the server speaks TLS (rediss://) and that its certificate is trusted.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /Connection is closed|max retries per request/i.test(message) || name === 'MaxRetriesPerRequestError') {
    return new AppError('CONNECTION_REFUSED', `The connection to Redis${where} was lost. It reconnects by itself; try again in a moment, or reconnect.`);
  }
  if (/Unknown RESP type|Protocol error/i.test(message) || name === 'ParserError') {
    return new AppError('NOT_REDIS', `The server${where} does not speak the Redis protocol. Check the port: it may belong to another service.`);
  }
  if (name === 'ReplyError') {
    return new AppError('REDIS_ERROR', `Redis refused the command: ${firstLine(message)}`);
  }
  return new AppError('INTERNAL', `Something went wrong inside Stream Inspector (${firstLine(message)}). Please report it.`);
}

export const toErrorData = (error: unknown): RpcErrorData => toAppError(error).toData();

/** The first line, without a final full stop (messages put it in parentheses). */
function firstLine(text: string): string {
  return text.split('\n')[0]!.trim().replace(/\.$/, '');
}
