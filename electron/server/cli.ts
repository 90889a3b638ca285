/**
 * `npm run web -- [--port N] [--redis URL] [--schemas DIR]`: the browser host alone.
 * Prints one line with the URL to open (token included) and runs until Ctrl+C.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './host';

async function main() {
  let values: { port?: string; redis?: string; schemas?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, redis: { type: 'string' }, schemas: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}. Usage: npm run web -- [--port N] [--redis URL] [--schemas DIR]`);
    process.exit(2);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
    process.exit(2);
  }
  try {
    const host = await startBrowserHost({ port, redisUrl: values.redis, schemasDir: values.schemas ? resolve(values.schemas) : undefined });
    const stop = () => void host.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is in use. Pick another with --port, or leave it out to use a free one.` : (error as Error).message);
    process.exit(1);
  }
}

void main();
