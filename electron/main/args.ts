/**
 * Command-line options of the desktop app. Electron's argv also carries Chromium switches and, in
 * development, the app path, so only the options named here are read and everything else is left
 * alone. Both `--redis URL` and `--redis=URL` work.
 */
import { isAbsolute, join, resolve } from 'node:path';

export interface MainArgs {
  /** Connect to this server as soon as the app starts. */
  redisUrl?: string;
  /** The schema workspace to use instead of the default one. */
  schemasDir?: string;
}

const OPTIONS = { '--redis': 'redisUrl', '--schemas': 'schemasDir' } as const;

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const parsed: MainArgs = {};
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (!(name in OPTIONS)) continue;
    const key = OPTIONS[name as keyof typeof OPTIONS];
    let value: string | undefined;
    if (equals !== -1) value = argument.slice(equals + 1);
    else if (index + 1 < argv.length && !argv[index + 1]!.startsWith('--')) value = argv[++index];
    if (value) parsed[key] = value;
  }
  return parsed;
}

export interface SchemasDirSources {
  /** `--schemas DIR`, relative to the working directory. */
  fromArgs?: string;
  /** True in an installed build: the schemas ship in its resources folder. */
  isPackaged: boolean;
  resourcesPath: string;
  /** The project's default workspace, used when running from a checkout. */
  projectDefault: string;
  cwd: string;
}

/** The schema folder to open: the command line, then the installed resources, then the project's. */
export function resolveSchemasDir(sources: SchemasDirSources): string {
  if (sources.fromArgs) return isAbsolute(sources.fromArgs) ? sources.fromArgs : resolve(sources.cwd, sources.fromArgs);
  if (sources.isPackaged) return join(sources.resourcesPath, 'schemas');
  return sources.projectDefault;
}
