/**
 * Starts a real, throwaway redis-server for the demo and the tests: a free port on 127.0.0.1, a
 * temporary directory, no persistence. `stop()` stops only the server this call started.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServerHandle {
  port: number;
  url: string;
  dir: string;
  /** The server's version, e.g. "7.0.15". */
  version: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra redis-server arguments, e.g. ['--requirepass', 'secret']. */
  args?: string[];
  /** Binary to run; default `redis-server` from PATH. */
  binary?: string;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The redis-server version on PATH, or null when it is not installed. */
export function redisServerVersion(binary = 'redis-server'): string | null {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
    return /v=(\S+)/.exec(out)?.[1] ?? null;
  } catch {
    return null;
  }
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`redis-server exited with code ${child.exitCode} before listening on ${port}`));
        return;
      }
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

export async function startRedisServer(options: StartOptions = {}): Promise<RedisServerHandle> {
  const binary = options.binary ?? 'redis-server';
  const version = redisServerVersion(binary);
  if (!version) {
    throw new Error(`${binary} was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install redis-server) and try again.`);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'stream-inspector-redis-'));
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log'), ...(options.args ?? [])],
      // Its own process group: Ctrl+C in a terminal reaches the demo, which then stops the app
      // before the server, in order. The exit hook still stops it if the parent dies first.
      { stdio: 'ignore', detached: true },
    );
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    try {
      await waitForPort(port, child, 5000);
    } catch (error) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      if (attempt === 4) throw error;
      continue; // the port was taken between freePort() and the bind: try another
    }
    let stopped: Promise<void> | undefined;
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      dir,
      version,
      stop() {
        stopped ??= new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        }).then(() => rmSync(dir, { recursive: true, force: true }));
        return stopped;
      },
    };
  }
  throw new Error('could not start redis-server');
}
