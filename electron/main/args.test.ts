import { describe, expect, it } from 'vitest';
import { parseMainArgs, resolveSchemasDir } from './args';

describe('parseMainArgs', () => {
  it('reads --redis and --schemas among Electron and Chromium arguments', () => {
    const argv = ['/usr/lib/electron', '/work/app', '--no-sandbox', '--redis', 'redis://:secret@127.0.0.1:6380/2', '--schemas', './my-schemas', '--enable-logging'];
    expect(parseMainArgs(argv)).toEqual({ redisUrl: 'redis://:secret@127.0.0.1:6380/2', schemasDir: './my-schemas' });
  });

  it('accepts the --name=value form', () => {
    expect(parseMainArgs(['app', '--redis=rediss://db.example:6380', '--schemas=/srv/schemas'])).toEqual({
      redisUrl: 'rediss://db.example:6380',
      schemasDir: '/srv/schemas',
    });
  });

  it('ignores an option without a value and unknown options', () => {
    expect(parseMainArgs(['app', '--redis', '--schemas'])).toEqual({});
    expect(parseMainArgs(['app', '--redisx', 'redis://h', '--inspect=9229'])).toEqual({});
  });
});

describe('resolveSchemasDir', () => {
  const base = { isPackaged: false, resourcesPath: '/opt/Stream Inspector/resources', projectDefault: '/work/app/schemas', cwd: '/home/me' };

  it('prefers the command line, relative to the working directory', () => {
    expect(resolveSchemasDir({ ...base, fromArgs: 'bus/schemas' })).toBe('/home/me/bus/schemas');
    expect(resolveSchemasDir({ ...base, isPackaged: true, fromArgs: '/srv/schemas' })).toBe('/srv/schemas');
  });

  it('uses the schemas shipped in the resources of an installed app', () => {
    expect(resolveSchemasDir({ ...base, isPackaged: true })).toBe('/opt/Stream Inspector/resources/schemas');
  });

  it("falls back to the project's schemas in a checkout", () => {
    expect(resolveSchemasDir(base)).toBe('/work/app/schemas');
  });
});
