/**
 * `npm run bench`: speed and memory of the core against raw ioredis doing the same Redis work, in
 * the same run, on a throwaway redis-server. Figures are ratios (core / raw), so they mean the same
 * on a slow or a fast machine. `npm run bench -- --write` also rewrites docs/benchmarks.md.
 *
 * BENCH_ENTRIES sets the size of the big stream (default 1,000,000).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createCore } from '../../electron/core';
import { startRedisServer } from '../lib/redis-server';
import { encodeEvent, makeEvent } from '../bus/events';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const SMALL_STREAMS = 2000;
const ITERATIONS = 60;
// Enough for V8 to optimise the decode and validation paths before anything is timed.
const WARMUPS = 20;
const ROOT = resolve(import.meta.dirname, '../..');
const BIG = 'identity.user.v1';
// A dead-letter stream: validated with the identity schemas too, so both streams cost the same per entry.
const SMALL = 'identity.user.v1.dlq';

interface Row {
  name: string;
  coreMs: number;
  rawMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(fn: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < WARMUPS; index++) await fn();
  const samples: number[] = [];
  for (let index = 0; index < ITERATIONS; index++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const context = () => ({ progress: () => undefined, cancellation: { cancelled: false, throwIfCancelled: () => undefined, onCancel: () => undefined } });

async function main() {
  const server = await startRedisServer();
  const raw = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2 });
  const core = await createCore({ schemasDir: resolve(ROOT, 'schemas') });
  try {
    process.stdout.write(`Filling ${BIG} with ${ENTRIES.toLocaleString('en')} events… `);
    const sample = Array.from({ length: 64 }, (_, index) => encodeEvent(makeEvent(index % 2 ? 'user.created' : 'user.updated')));
    for (let start = 0; start < ENTRIES; start += 10_000) {
      const pipeline = raw.pipeline();
      for (let index = start; index < Math.min(ENTRIES, start + 10_000); index++) pipeline.xadd(BIG, '*', 'event', sample[index % sample.length]!);
      await pipeline.exec();
    }
    for (let index = 0; index < 100; index++) await raw.xadd(SMALL, '*', 'event', sample[index % sample.length]!);
    for (const group of ['linting_group', 'export_group', 'spellcheck_group']) await raw.xgroup('CREATE', BIG, group, '0');
    await raw.xreadgroup('GROUP', 'export_group', 'exporter-1', 'COUNT', 500, 'STREAMS', BIG, '>');
    await raw.xreadgroup('GROUP', 'spellcheck_group', 'spellchecker-1', 'COUNT', 50, 'STREAMS', BIG, '>');
    const fill = raw.pipeline();
    for (let index = 0; index < SMALL_STREAMS; index++) fill.xadd(`bench:stream:${index}`, '*', 'n', String(index));
    for (let index = 0; index < SMALL_STREAMS * 2; index++) fill.set(`bench:other:${index}`, 'x');
    await fill.exec();
    console.log('done.');

    const { id: connectionId } = await core.connections.connect({ url: server.url });
    const { streams, groups, publish } = core.services;
    const middle = (await raw.xrange(BIG, '-', '+', 'COUNT', Math.floor(ENTRIES / 2)))?.at(-1)?.[0] ?? '0-0';
    const rows: Row[] = [];
    const measure = async (name: string, coreFn: () => Promise<unknown>, rawFn: () => Promise<unknown>) => {
      rows.push({ name, coreMs: await time(coreFn), rawMs: await time(rawFn) });
      const row = rows.at(-1)!;
      console.log(`${name.padEnd(58)} core ${row.coreMs.toFixed(2).padStart(8)} ms   raw ${row.rawMs.toFixed(2).padStart(8)} ms   ×${(row.coreMs / row.rawMs).toFixed(2)}`);
    };

    const rawPage = (end: string) => raw.pipeline().xrevrangeBuffer(BIG, end, '-', 'COUNT', 100).xlen(BIG).exec();
    await measure(`Open newest page (100) of a ${ENTRIES.toLocaleString('en')}-entry stream`, () => streams.entries(connectionId, BIG, null, 100), () => rawPage('+'));
    await measure('Open newest page (100) of a 100-entry stream', () => streams.entries(connectionId, SMALL, null, 100), () => raw.pipeline().xrevrangeBuffer(SMALL, '+', '-', 'COUNT', 100).xlen(SMALL).exec());
    await measure('Load an older page (100) from the middle of the big stream', () => streams.entries(connectionId, BIG, middle, 100), () => rawPage(middle));
    await measure(`List ${SMALL_STREAMS + 2} streams among ${SMALL_STREAMS * 3 + 2} keys (SCAN to the end + XINFO)`, () => streams.list(connectionId, context()), async () => {
      const keys: string[] = [];
      let cursor = '0';
      do {
        let batch: string[];
        [cursor, batch] = await raw.scan(cursor, 'COUNT', 1000, 'TYPE', 'stream');
        keys.push(...batch);
      } while (cursor !== '0');
      for (let start = 0; start < keys.length; start += 500) {
        const pipeline = raw.pipeline();
        keys.slice(start, start + 500).forEach((key) => pipeline.xinfo('STREAM', key));
        await pipeline.exec();
      }
    });
    await measure('Group snapshot (3 groups, XINFO in one round trip)', () => groups.snapshot(connectionId, BIG), () =>
      raw.pipeline().xinfo('STREAM', BIG).xinfo('GROUPS', BIG).xinfo('CONSUMERS', BIG, 'linting_group').xinfo('CONSUMERS', BIG, 'export_group').xinfo('CONSUMERS', BIG, 'spellcheck_group').exec(),
    );
    const event = core.services.schemas.template(SMALL, 'user.created');
    await measure('Publish one event (ajv validation + XADD)', () => publish.publish(connectionId, SMALL, event), () => raw.xadd(SMALL, '*', 'event', event));

    // Memory: 100 pages (10,000 entries) held as the app holds them vs the raw replies.
    const heap = () => {
      global.gc?.();
      return process.memoryUsage().heapUsed;
    };
    const pages = async (read: (before: string | null) => Promise<{ next: string | null; value: unknown }>) => {
      const held: unknown[] = [];
      const start = heap();
      let before: string | null = null;
      for (let index = 0; index < 100; index++) {
        const { next, value } = await read(before);
        held.push(value);
        before = next;
      }
      const used = heap() - start;
      return { used, held };
    };
    const coreMemory = await pages(async (before) => {
      const page = await streams.entries(connectionId, BIG, before, 100);
      return { next: page.nextBefore, value: page };
    });
    const rawMemory = await pages(async (before) => {
      const reply = (await raw.xrevrangeBuffer(BIG, before ? `(${before}` : '+', '-', 'COUNT', 100)) as [Buffer, Buffer[]][];
      return { next: reply.at(-1)?.[0].toString() ?? null, value: reply };
    });
    void coreMemory.held.length;
    void rawMemory.held.length;
    const memoryRatio = coreMemory.used / rawMemory.used;
    console.log(`Heap for 10,000 entries held: core ${(coreMemory.used / 1048576).toFixed(1)} MiB, raw ${(rawMemory.used / 1048576).toFixed(1)} MiB, ×${memoryRatio.toFixed(2)}`);

    if (process.argv.includes('--write')) writeReport(rows, coreMemory.used, rawMemory.used, server.version);
  } finally {
    await core.dispose();
    await raw.quit();
    await server.stop();
  }
}

function writeReport(rows: Row[], coreHeap: number, rawHeap: number, version: string) {
  const lines = [
    '# Benchmarks',
    '',
    'Measured by `npm run bench` (scripts/bench/run.ts): the core services the app runs, against raw',
    'ioredis doing the same Redis commands, in the same run, on a throwaway local redis-server.',
    `Times are medians of ${ITERATIONS} runs after ${WARMUPS} warm-ups. The ratio is core ÷ raw: the cost of decoding,`,
    'validating every entry against its schema, and shaping data for the UI.',
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}, Redis ${version}, Node ${process.version}, ${ENTRIES.toLocaleString('en')} entries in the big stream.`,
    '',
    '| what | core (ms) | raw ioredis (ms) | ratio |',
    '|---|---:|---:|---:|',
    ...rows.map((row) => `| ${row.name} | ${row.coreMs.toFixed(2)} | ${row.rawMs.toFixed(2)} | ×${(row.coreMs / row.rawMs).toFixed(2)} |`),
    '',
    `In short: the newest page of the ${ENTRIES.toLocaleString('en')}-entry stream opens in ${rows[0]!.coreMs.toFixed(2)} ms and that of a 100-entry stream in ${rows[1]!.coreMs.toFixed(2)} ms:`,
    'pages are read on demand, so length does not matter. The page cost over raw ioredis is decoding',
    'every value and validating every event against its schema with ajv (about 10 µs an entry).',
    '',
    '| memory | core (MiB) | raw ioredis (MiB) | ratio |',
    '|---|---:|---:|---:|',
    `| Heap holding 100 pages (10,000 entries) | ${(coreHeap / 1048576).toFixed(1)} | ${(rawHeap / 1048576).toFixed(1)} | ×${(coreHeap / rawHeap).toFixed(2)} |`,
    '',
    'Run with `node --expose-gc` (the bench script does) for steadier memory figures.',
    '',
  ];
  writeFileSync(resolve(ROOT, 'docs/benchmarks.md'), lines.join('\n'));
  console.log('Wrote docs/benchmarks.md');
}

void main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
