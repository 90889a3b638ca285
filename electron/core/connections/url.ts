import { AppError } from '../../../shared/contract/errors';

export interface ParsedRedisUrl {
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username: string | null;
  password: string | null;
  /** The URL without its password: safe to show and to log. */
  label: string;
}

/** Parses `redis://[user[:password]@]host[:port][/db]` and `rediss://…` (TLS). */
export function parseRedisUrl(input: string): ParsedRedisUrl {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `redis://${text}`);
  } catch {
    // The input is never repeated: it may hold a password.
    throw new AppError('INVALID_URL', 'That is not a Redis URL. Use redis://host:6379, rediss://host:6380 for TLS, or redis://user:password@host:6379/0 (percent-encode special characters in the password, e.g. %40 for @).');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new AppError('INVALID_URL', `The scheme "${url.protocol}" is not supported. Use redis:// or rediss:// (TLS).`);
  }
  if (!url.hostname) throw new AppError('INVALID_URL', 'The URL has no host. Use redis://host:6379.');
  // An unencoded / ? # or @ in a password ends the user part early, and the rest of the password
  // lands in the path, query or fragment: refuse without repeating any of it.
  if (/@/.test(url.pathname + url.search + url.hash)) {
    throw new AppError('INVALID_URL', 'The URL has an @ after its host: a password containing / ? # or @ must be percent-encoded (%2F %3F %23 %40).');
  }
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,5}$/.test(dbText)) {
    throw new AppError('INVALID_URL', 'What follows the host is not a database number. Put only the number after the slash, e.g. redis://host:6379/2.');
  }
  const db = dbText === '' ? 0 : Number(dbText);
  const username = url.username ? decodeOrThrow(url.username, 'user name') : null;
  const password = url.password ? decodeOrThrow(url.password, 'password') : null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const userPart = username ? `${encodeURIComponent(username)}@` : '';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    db,
    tls: url.protocol === 'rediss:',
    username,
    password,
    label: `${url.protocol}//${userPart}${hostPart}:${port}${db ? `/${db}` : ''}`,
  };
}

function decodeOrThrow(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AppError('INVALID_URL', `The ${what} in the URL has a % that does not start an escape. Write a literal % as %25.`);
  }
}
