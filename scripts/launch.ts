/**
 * Opens Stream Inspector the best way this machine allows: the desktop app when Electron's binary
 * is present and runs, otherwise the browser host (with one sentence saying why). Electron 41+
 * fetches its binary on first use, so the probe runs that fetch in a child process whose output is
 * captured: an offline machine sees our sentence, never a download error or a stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface LaunchOptions {
  redisUrl?: string;
  schemasDir?: string;
  /** Browser host port; ignored by the desktop app. */
  port?: number;
}

export interface RunningApp {
  /** Stops what this launch started. */
  close(): Promise<void>;
  /** Settles when the app ends by itself (the desktop window was closed), with its exit code. */
  exited: Promise<number>;
}

export type ElectronProbe = { ok: true; binary: string } | { ok: false; reason: string };

export interface BrowserHostHandle {
  url: string;
  token: string;
  close(): Promise<void>;
}

export type StartBrowserHost = (options: {
  port?: number;
  redisUrl?: string;
  schemasDir?: string;
  rendererDir?: string;
}) => Promise<BrowserHostHandle>;

/** Everything launchApp touches outside itself, replaceable in tests. */
export interface LaunchDependencies {
  probeElectron(): Promise<ElectronProbe>;
  startBrowserHost: StartBrowserHost;
  spawnElectron(binary: string, args: string[]): ChildProcess;
  /** Opens a URL in the desktop browser when that makes sense here; false when it does not. */
  openInBrowser(url: string): boolean;
  log(line: string): void;
}

/** `npm start`'s options; throws a readable message on anything else. */
export const START_USAGE = 'Usage: npm start -- [--redis URL] [--schemas DIR] [--port N]';

export function parseStartArgs(argv: string[]): LaunchOptions {
  const { values } = parseArgs({
    args: argv,
    options: { redis: { type: 'string' }, schemas: { type: 'string' }, port: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  return { redisUrl: values.redis, schemasDir: values.schemas, port };
}

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const PROBE_TIMEOUT_MS = 5 * 60_000;
const RUN_CHECK_TIMEOUT_MS = 20_000;

interface Captured {
  code: number | null;
  stdout: string;
}

function capture(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, onSlow?: () => void): Promise<Captured> {
  return new Promise((resolvePromise) => {
    let stdout = '';
    let child: ChildProcess;
    try {
      child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch {
      resolvePromise({ code: null, stdout: '' });
      return;
    }
    const slow = onSlow ? setTimeout(onSlow, 2000) : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.resume();
    const finish = (result: Captured) => {
      clearTimeout(timer);
      if (slow) clearTimeout(slow);
      resolvePromise(result);
    };
    child.once('error', () => finish({ code: null, stdout }));
    child.once('close', (code) => finish({ code, stdout }));
  });
}

export interface ProbeOptions {
  /** Environment of the probe (ELECTRON_OVERRIDE_DIST_PATH, DISPLAY, ...); default process.env. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

const hasDisplay = (env: NodeJS.ProcessEnv) => process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

/**
 * Finds Electron's binary (fetching it if this is its first run) and checks that it starts, by
 * running it as plain Node, which needs no display.
 */
export async function probeElectron({ env = process.env, log = console.log }: ProbeOptions = {}): Promise<ElectronProbe> {
  const located = await capture(
    process.execPath,
    ['-e', "process.stdout.write(String(require('electron')))"],
    env,
    PROBE_TIMEOUT_MS,
    () => log("Fetching Electron's binary for its first run…"),
  );
  const binary = located.stdout.trim();
  if (located.code !== 0 || !binary || !existsSync(binary)) {
    return { ok: false, reason: "Electron's binary is not available on this machine (it could not be downloaded)" };
  }
  const ran = await capture(binary, ['-e', 'process.stdout.write(String(process.versions.electron))'], { ...env, ELECTRON_RUN_AS_NODE: '1' }, RUN_CHECK_TIMEOUT_MS);
  if (ran.code !== 0 || !ran.stdout.trim()) {
    return { ok: false, reason: "Electron's binary is on this machine but does not run here" };
  }
  if (!hasDisplay(env)) {
    return { ok: false, reason: 'There is no graphical display for the desktop app' };
  }
  return { ok: true, binary };
}

function isOnPath(command: string): boolean {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    try {
      accessSync(join(directory, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The desktop's "open this URL" command, if there is a desktop to open it on. */
export function openInBrowser(url: string): boolean {
  if (process.env.CI) return false;
  let command: string;
  let args: string[];
  if (process.platform === 'darwin') [command, args] = ['open', [url]];
  else if (process.platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '', url]];
  else {
    // Without a display, xdg-open would start a text browser in this terminal.
    if (!hasDisplay(process.env)) return false;
    [command, args] = ['xdg-open', [url]];
  }
  if (process.platform !== 'win32' && !isOnPath(command)) return false;
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

const defaultDependencies: LaunchDependencies = {
  probeElectron: () => probeElectron(),
  startBrowserHost: async (options) => {
    const { startBrowserHost } = await import('../electron/server/host');
    return startBrowserHost(options);
  },
  spawnElectron: (binary, args) => {
    if (!existsSync(join(PROJECT_ROOT, 'out', 'main', 'index.js'))) {
      throw new Error('The app is not built yet: run "npm run build" first.');
    }
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return spawn(binary, args, { cwd: process.cwd(), env, stdio: 'inherit' });
  },
  openInBrowser,
  log: (line) => console.log(line),
};

/** Arguments for the desktop app; the project root is the app (its package.json names out/main). */
export function electronArgs(options: LaunchOptions): string[] {
  const args = [PROJECT_ROOT];
  if (options.redisUrl) args.push('--redis', options.redisUrl);
  if (options.schemasDir) args.push('--schemas', resolve(options.schemasDir));
  return args;
}

function runDesktop(child: ChildProcess): RunningApp {
  const exited = new Promise<number>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
    child.once('error', () => resolveExit(1));
  });
  return {
    exited,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function launchApp(options: LaunchOptions, dependencies: Partial<LaunchDependencies> = {}): Promise<RunningApp> {
  const deps: LaunchDependencies = { ...defaultDependencies, ...dependencies };

  const probe = await deps.probeElectron();
  if (probe.ok) return runDesktop(deps.spawnElectron(probe.binary, electronArgs(options)));

  deps.log(`${probe.reason}, so Stream Inspector is starting in your browser instead.`);
  const host = await deps.startBrowserHost({
    port: options.port,
    redisUrl: options.redisUrl,
    schemasDir: options.schemasDir ? resolve(options.schemasDir) : undefined,
  });
  deps.openInBrowser(host.url);

  let closing: Promise<void> | undefined;
  let ended!: (code: number) => void;
  const exited = new Promise<number>((resolveExit) => (ended = resolveExit));
  return {
    exited,
    close() {
      closing ??= host.close().finally(() => ended(0));
      return closing;
    },
  };
}
