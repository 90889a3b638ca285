/**
 * Errors cross every boundary as data. The UI switches on `code`, never on message text; `message`
 * says what happened and what to do, ready to show as it is.
 */
export const ERROR_CODES = [
  /** An RPC argument failed its schema; `details.issues` lists why. */
  'INVALID_ARGUMENT',
  /** The URL could not be parsed or uses an unsupported scheme. */
  'INVALID_URL',
  /** The host name does not resolve. */
  'HOST_NOT_FOUND',
  /** Nothing listens at host:port, or the connection was reset. */
  'CONNECTION_REFUSED',
  /** Something answered at host:port, but not in the Redis protocol (wrong port?). */
  'NOT_REDIS',
  /** The server did not answer in time. */
  'TIMEOUT',
  /** Wrong user name or password, or a password is required. */
  'AUTH_FAILED',
  /** The ACL user may not run a command or touch a key. */
  'NO_PERMISSION',
  /** TLS handshake or certificate failure. */
  'TLS_ERROR',
  /** Redis is still loading its dataset. */
  'LOADING',
  /** The key belongs to another cluster node. */
  'MOVED',
  /** The connection id is unknown or was closed. */
  'NOT_CONNECTED',
  /** The connection was opened read-only; writes are refused before reaching Redis. */
  'READ_ONLY',
  /** The key does not exist or is not a stream. */
  'NOT_FOUND',
  /** An event failed its JSON Schema; `details.issues` lists the errors. Nothing was written. */
  'EVENT_INVALID',
  /** The text is not JSON; `details.line`/`details.column` locate the problem. */
  'NOT_JSON',
  /** No schema is known for the stream or event type. */
  'NO_SCHEMA',
  /** The caller cancelled the call. */
  'CANCELLED',
  /** Any other error the Redis server returned; the message is the server's. */
  'REDIS_ERROR',
  /** A bug on our side; the message says so. */
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RpcErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The error every API call rejects with, on both sides of the transport. */
export class AppError extends Error implements RpcErrorData {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toData(): RpcErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: RpcErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
