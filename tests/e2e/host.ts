/** Starts the browser host as a user would (`tsx electron/server/cli.ts`) and reads its ready line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface RunningHost {
  url: string;
  output: string[];
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

export function startHost(args: string[] = []): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/server/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output.join('\n')}`)), 30_000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolvePromise({
            url: match[1]!,
            output,
            stop: () =>
              new Promise<void>((done) => {
                if (child.exitCode !== null) return done();
                child.once('exit', () => done());
                child.kill('SIGTERM');
              }),
          });
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${output.join('\n')}`));
    });
  });
}
