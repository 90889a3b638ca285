import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronArgs, launchApp, parseStartArgs, probeElectron, PROJECT_ROOT, type LaunchDependencies } from './launch';

function fakeDependencies(overrides: Partial<LaunchDependencies> = {}) {
  const lines: string[] = [];
  const host = { url: 'http://127.0.0.1:41234/?token=abc', token: 'abc', close: vi.fn(async () => undefined) };
  const deps = {
    probeElectron: vi.fn(async () => ({ ok: false as const, reason: "Electron's binary is not available on this machine (it could not be downloaded)" })),
    startBrowserHost: vi.fn(async () => host),
    spawnElectron: vi.fn((): ChildProcess => {
      throw new Error('should not spawn Electron');
    }),
    openInBrowser: vi.fn(() => true),
    log: (line: string) => lines.push(line),
    ...overrides,
  };
  return { deps, lines, host };
}

describe('launchApp', () => {
  it('falls back to the browser host with one clear sentence when Electron cannot run', async () => {
    const { deps, lines, host } = fakeDependencies();
    const running = await launchApp({ redisUrl: 'redis://127.0.0.1:6390', schemasDir: 'schemas', port: 4100 }, deps);

    expect(lines).toEqual([
      "Electron's binary is not available on this machine (it could not be downloaded), so Stream Inspector is starting in your browser instead.",
    ]);
    expect(deps.spawnElectron).not.toHaveBeenCalled();
    expect(deps.startBrowserHost).toHaveBeenCalledWith({ port: 4100, redisUrl: 'redis://127.0.0.1:6390', schemasDir: resolve('schemas') });
    expect(deps.openInBrowser).toHaveBeenCalledWith(host.url);

    let exitCode: number | undefined;
    void running.exited.then((code) => (exitCode = code));
    await running.close();
    await running.close();
    expect(host.close).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(exitCode).toBe(0);
  });

  it('runs the desktop app on the project when Electron can run', async () => {
    const child = Object.assign(new EventEmitter(), {
      exitCode: null as number | null,
      signalCode: null,
      kill: vi.fn(() => {
        child.exitCode = 0;
        child.emit('exit', 0, null);
        return true;
      }),
    });
    const { deps, lines } = fakeDependencies({
      probeElectron: vi.fn(async () => ({ ok: true as const, binary: '/opt/electron/electron' })),
      spawnElectron: vi.fn(() => child as unknown as ChildProcess),
    });
    const running = await launchApp({ redisUrl: 'redis://h:1', schemasDir: '/srv/schemas', port: 9 }, deps);

    expect(deps.spawnElectron).toHaveBeenCalledWith('/opt/electron/electron', [PROJECT_ROOT, '--redis', 'redis://h:1', '--schemas', '/srv/schemas']);
    expect(deps.startBrowserHost).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    await running.close();
    expect(child.kill).toHaveBeenCalledWith('SIGTERM');
    await expect(running.exited).resolves.toBe(0);
  });

  it('reports when the desktop app ends by itself', async () => {
    const child = Object.assign(new EventEmitter(), { exitCode: null, signalCode: null, kill: vi.fn() });
    const { deps } = fakeDependencies({
      probeElectron: vi.fn(async () => ({ ok: true as const, binary: '/opt/electron/electron' })),
      spawnElectron: vi.fn(() => child as unknown as ChildProcess),
    });
    const running = await launchApp({}, deps);
    child.emit('exit', 3, null);
    await expect(running.exited).resolves.toBe(3);
  });

  it('passes only the options that were given to Electron', () => {
    expect(electronArgs({})).toEqual([PROJECT_ROOT]);
    expect(electronArgs({ port: 4000 })).toEqual([PROJECT_ROOT]);
  });
});

describe('probeElectron', () => {
  const temporary: string[] = [];
  afterEach(() => temporary.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A directory standing in for Electron's dist, with an `electron` that runs the given shell body. */
  function fakeDist(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'stream-inspector-electron-'));
    temporary.push(dir);
    const binary = join(dir, 'electron');
    writeFileSync(binary, `#!/bin/sh\n${body}\n`);
    chmodSync(binary, 0o755);
    return dir;
  }

  const env = (dist: string, display?: string) => {
    const base: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist };
    delete base.DISPLAY;
    delete base.WAYLAND_DISPLAY;
    return display ? { ...base, DISPLAY: display } : base;
  };
  const log = () => undefined;

  it('says the binary is not available when there is none', async () => {
    const missing = join(tmpdir(), 'stream-inspector-no-electron-here');
    await expect(probeElectron({ env: env(missing, ':0'), log })).resolves.toEqual({
      ok: false,
      reason: "Electron's binary is not available on this machine (it could not be downloaded)",
    });
  });

  it.skipIf(process.platform === 'win32')('says the binary does not run when it fails', async () => {
    const dist = fakeDist('exit 127');
    await expect(probeElectron({ env: env(dist, ':0'), log })).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('does not run') });
  });

  it.skipIf(process.platform === 'win32')('accepts a binary that runs, where there is a display', async () => {
    const dist = fakeDist('[ "$ELECTRON_RUN_AS_NODE" = 1 ] && printf 45.6.0');
    await expect(probeElectron({ env: env(dist, ':0'), log })).resolves.toEqual({ ok: true, binary: join(dist, 'electron') });
  });

  it.skipIf(process.platform !== 'linux')('falls back on Linux without a display', async () => {
    const dist = fakeDist('printf 45.6.0');
    await expect(probeElectron({ env: env(dist), log })).resolves.toMatchObject({ ok: false, reason: expect.stringContaining('no graphical display') });
  });
});

describe('parseStartArgs', () => {
  it('reads --redis, --schemas and --port', () => {
    expect(parseStartArgs(['--redis', 'redis://h', '--schemas', 's', '--port', '4100'])).toEqual({ redisUrl: 'redis://h', schemasDir: 's', port: 4100 });
    expect(parseStartArgs([])).toEqual({ redisUrl: undefined, schemasDir: undefined, port: undefined });
  });

  it('refuses a bad port and unknown options', () => {
    expect(() => parseStartArgs(['--port', 'http'])).toThrow(/--port must be a number/);
    expect(() => parseStartArgs(['--port', '70000'])).toThrow(/--port must be a number/);
    expect(() => parseStartArgs(['--verbose'])).toThrow();
  });
});

describe('npm start, offline', () => {
  /** Runs scripts/start.ts as npm start does, where Electron's binary cannot be had. */
  function start(args: string[]) {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'scripts', 'start.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CI: '1', ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'stream-inspector-no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    return { child, exited, output: () => output };
  }

  it('refuses unknown options with the usage line and no stack trace', async () => {
    const run = start(['--bogus']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('Usage: npm start -- [--redis URL] [--schemas DIR] [--port N]');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('says why in one sentence, starts the browser host, and stops on Ctrl+C', async () => {
    const run = start(['--port', '0']);
    const built = existsSync(join(PROJECT_ROOT, 'out', 'renderer', 'index.html'));
    if (built) {
      await vi.waitFor(() => expect(run.output()).toMatch(/Stream Inspector is running at http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/), { timeout: 15000, interval: 100 });
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
    } else {
      // Without a build the host cannot serve the page, and says so plainly.
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('Stream Inspector could not start:');
    }
    const lines = run.output().trim().split('\n');
    expect(lines[0]).toBe(
      "Electron's binary is not available on this machine (it could not be downloaded), so Stream Inspector is starting in your browser instead.",
    );
    expect(run.output()).not.toMatch(/\n\s+at |Downloading Electron|fetch failed/);
  });
});
