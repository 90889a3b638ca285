/**
 * `npm run demo`: a throwaway redis-server with the seed bus and live traffic on it, and Stream
 * Inspector open on it. Ctrl+C stops everything this started, and only that.
 */
import { Redis } from 'ioredis';
import { DEFAULT_SCHEMAS_DIR } from './bus/schemas';
import { GROUPS, seedBus, STREAMS } from './bus/seed';
import { CONSUMERS, startTraffic } from './bus/traffic';
import { launchApp } from './launch';
import { redisServerVersion, startRedisServer } from './lib/redis-server';

const IDENTITY_INTERVAL_MS = 700;
const SPELL_INTERVAL_MS = 1500;

/** What was started, in order; shutdown undoes it newest first. */
const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
/** The step being started now: shutdown waits for it, so nothing it starts is left behind. */
let inFlight: Promise<unknown> = Promise.resolve();
let shuttingDown: Promise<void> | undefined;

/** Starts something and registers how to stop it, before anyone else sees it started. */
function step<T>(name: string, start: () => Promise<T>, stop: (started: T) => Promise<void>): Promise<T> {
  const started = start().then((value) => {
    cleanups.push({ name, run: () => stop(value) });
    return value;
  });
  inFlight = started.catch(() => undefined);
  return started;
}

function shutdown(code: number): Promise<void> {
  shuttingDown ??= (async () => {
    // A stuck step must not keep the terminal hostage.
    setTimeout(() => {
      console.error('Some parts did not stop within 10 s; exiting anyway.');
      process.exit(1);
    }, 10_000).unref();
    await inFlight;
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await cleanup.run();
      } catch (error) {
        console.error(`Could not stop ${cleanup.name}: ${(error as Error).message}`);
      }
    }
    process.exit(code);
  })();
  return shuttingDown;
}

function onSignal(): void {
  if (shuttingDown) return;
  console.log('\nStopping the inspector, the traffic and the redis-server…');
  void shutdown(0);
}

async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  if (!redisServerVersion()) {
    console.error(
      'npm run demo needs redis-server on your PATH: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run it again.',
    );
    process.exit(1);
  }

  const server = await step('the redis-server', () => startRedisServer(), (started) => started.stop());
  if (shuttingDown) return;

  const redis = await step(
    'the seeding connection',
    async () => {
      const connection = new Redis(server.url, { protocol: 2, lazyConnect: true });
      connection.on('error', () => undefined); // the command that fails says why
      await connection.connect();
      return connection;
    },
    async (connection) => {
      if (connection.status === 'ready') await connection.quit();
      else connection.disconnect();
    },
  );
  const seeding = seedBus(redis);
  inFlight = seeding.catch(() => undefined);
  const seeded = await seeding;
  if (shuttingDown) return;

  await step(
    'the traffic',
    async () => startTraffic(server.url, { identityIntervalMs: IDENTITY_INTERVAL_MS, spellIntervalMs: SPELL_INTERVAL_MS }),
    (started) => started.stop(),
  );
  if (shuttingDown) return;

  const perSecond = (intervalMs: number) => (1000 / intervalMs).toFixed(1);
  const historyOf = (stream: string) => seeded.history[stream] ?? 0;
  console.log(
    [
      `Seed bus on ${server.url} (redis-server ${server.version}, a throwaway server in ${server.dir}).`,
      `  ${STREAMS.identity}: ${historyOf(STREAMS.identity)} events of history, then ~${perSecond(IDENTITY_INTERVAL_MS)}/s; about 1 in 8 breaks its schema.`,
      `    ${GROUPS.linting}: ${CONSUMERS.linter} keeps up.`,
      `    ${GROUPS.export}: ${CONSUMERS.exporter} falls behind, so its lag and pending grow.`,
      `    ${GROUPS.spellcheck}: ${CONSUMERS.spellchecker} fails some events and after 3 deliveries moves them to ${STREAMS.identityDlq};`,
      `      ${CONSUMERS.deadSpellchecker} reads a few entries and dies, so their idle time grows.`,
      `  ${STREAMS.spell}: ${historyOf(STREAMS.spell)} events of history, then ~${perSecond(SPELL_INTERVAL_MS)}/s; ${GROUPS.backend}: ${CONSUMERS.backend} keeps up.`,
    ].join('\n'),
  );

  const app = await step(
    'Stream Inspector',
    () => launchApp({ redisUrl: server.url, schemasDir: DEFAULT_SCHEMAS_DIR }),
    (started) => started.close(),
  );
  if (shuttingDown) return;
  // Closing the desktop window ends the demo too.
  void app.exited.then(() => {
    if (shuttingDown) return;
    console.log('Stream Inspector closed; stopping the traffic and the redis-server…');
    void shutdown(0);
  });
  console.log('Press Ctrl+C to stop everything.');
}

main().catch((error: unknown) => {
  if (shuttingDown) return; // a step cut short by Ctrl+C
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
