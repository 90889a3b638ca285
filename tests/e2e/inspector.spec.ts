/**
 * The first slice end to end: a real redis-server seeded like the demo, the browser host started as
 * a user starts it, and Chromium driving the UI. Every step leaves a screenshot in
 * test-results/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { Redis } from 'ioredis';
import { makeEvent, encodeEvent } from '../../scripts/bus/events';
import { seedBus, STREAMS, GROUPS } from '../../scripts/bus/seed';
import { startRedisServer, type RedisServerHandle } from '../../scripts/lib/redis-server';
import { startHost, type RunningHost } from './host';

const SHOTS = 'test-results/screenshots';
let server: RedisServerHandle;
let redis: Redis;
let host: RunningHost;
let invalidId: string;

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startRedisServer();
  redis = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2 });
  await seedBus(redis, { history: 39, invalidRatio: 0 });
  // One event from a buggy producer, newest of all: its row must show the schema errors.
  const broken = makeEvent('user.created') as unknown as { payload: Record<string, unknown> };
  broken.payload.email = 'not-an-email';
  invalidId = (await redis.xadd(STREAMS.identity, '*', 'event', JSON.stringify(broken)))!;
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
  await redis?.quit();
  await server?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

/** Types into the Monaco editor as a user would: select all, delete, insert. */
async function setEditorText(page: Page, text: string) {
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function readLag(page: Page, group: string): Promise<number> {
  return Number((await page.getByTestId(`group-lag-${group}`).innerText()).replace(/[^\d]/g, ''));
}

test('connect, browse, watch groups live, publish schema-checked events', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await test.step('connect', async () => {
    await page.goto(host.url);
    // The token leaves the address bar (and history) once the page has read it.
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByTestId('connect-url').fill(server.url);
    await page.getByTestId('connect-button').click();
    await expect(page.getByText(`Redis ${server.version}`)).toBeVisible();
    await shot(page, '01-connected');
  });

  await test.step('every stream is listed', async () => {
    for (const key of Object.values(STREAMS)) await expect(page.getByTestId(`stream-item-${key}`)).toBeVisible();
    await shot(page, '02-streams');
  });

  await test.step('open identity stream: entries newest first and a pretty JSON detail', async () => {
    await page.getByTestId(`stream-item-${STREAMS.identity}`).click();
    const ids = (await redis.xrevrange(STREAMS.identity, '+', '-', 'COUNT', 2)).map(([id]) => id);
    expect(ids[0]).toBe(invalidId);
    await expect(page.locator('[data-testid^="entry-row-"]').first()).toHaveAttribute('data-testid', `entry-row-${invalidId}`);
    await page.getByTestId(`entry-row-${ids[1]}`).click();
    const detail = page.getByTestId('entry-detail');
    await expect(detail).toContainText(ids[1]!);
    const text = await detail.innerText();
    expect(text).toMatch(/"event_type": "user\./); // pretty-printed: a space after the colon, one field per line
    expect(text.split('\n').length).toBeGreaterThan(10);
    await shot(page, '03-entry-detail');
  });

  await test.step('an invalid entry shows its ajv errors', async () => {
    await page.getByTestId(`entry-row-${invalidId}`).click();
    await expect(page.getByTestId('entry-detail')).toContainText('/payload/email');
    await expect(page.getByTestId('entry-detail')).toContainText('email');
    await shot(page, '03b-invalid-entry');
  });

  await test.step('groups panel: lag shows and changes while a producer writes, with no click', async () => {
    await page.getByTestId('tab-groups').click();
    await expect(page.getByTestId(`group-row-${GROUPS.export}`)).toBeVisible();
    const before = await readLag(page, GROUPS.export);
    const groups = (await redis.xinfo('GROUPS', STREAMS.identity)) as unknown[][];
    const exportGroup = groups.map((flat) => Object.fromEntries(flat.flatMap((value, index) => (index % 2 ? [] : [[String(value), flat[index + 1]]])))).find((group) => group.name === GROUPS.export)!;
    expect(before).toBe(exportGroup.lag);
    expect(before).toBe(40);
    await shot(page, '04-groups');
    for (let index = 0; index < 3; index++) await redis.xadd(STREAMS.identity, '*', 'event', encodeEvent(makeEvent('user.updated')));
    await expect.poll(() => readLag(page, GROUPS.export), { timeout: 5000 }).toBe(before + 3);
    // A stream that is not open stays current in the list too, pushed by the host.
    const spellLength = await redis.xlen(STREAMS.spell);
    await redis.xadd(STREAMS.spell, '*', 'event', encodeEvent(makeEvent('user-dict.words.added')));
    await expect(page.getByTestId(`stream-item-${STREAMS.spell}`)).toContainText(`${spellLength + 1} entries`, { timeout: 5000 });
    await shot(page, '05-groups-live');
  });

  await test.step('editor: Ctrl+Space lists the schema properties', async () => {
    await page.getByTestId('tab-publish').click();
    await page.getByTestId('event-type-select').selectOption('user.created');
    await setEditorText(page, '{\n  ');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget');
    await expect(suggestions).toBeVisible();
    await expect(suggestions).toContainText('event_type');
    await expect(suggestions).toContainText('payload');
    await shot(page, '06-completion');
    await page.keyboard.press('Escape');
  });

  await test.step('an invalid event is refused with its errors and nothing is written', async () => {
    const before = await redis.xlen(STREAMS.identity);
    const event = makeEvent('user.created') as unknown as { payload: Record<string, unknown> };
    event.payload.email = 'not-an-email';
    await setEditorText(page, JSON.stringify(event));
    await page.getByTestId('publish-button').click();
    const problems = page.getByTestId('publish-errors');
    await expect(problems).toBeVisible();
    await expect(problems).toContainText('/payload/email');
    expect(await redis.xlen(STREAMS.identity)).toBe(before);
    await shot(page, '07-publish-refused');
  });

  await test.step('a valid event is added and appears at the top of the entries', async () => {
    const before = await redis.xlen(STREAMS.identity);
    await setEditorText(page, encodeEvent(makeEvent('user.created')));
    await page.getByTestId('publish-button').click();
    await expect(page.getByTestId('publish-result')).toBeVisible();
    expect(await redis.xlen(STREAMS.identity)).toBe(before + 1);
    const newestId = (await redis.xrevrange(STREAMS.identity, "+", "-", "COUNT", 1))[0]![0];
    await expect(page.getByTestId('publish-result')).toContainText(newestId);
    await expect(page.locator('[data-testid^="entry-row-"]').first()).toHaveAttribute('data-testid', `entry-row-${newestId}`);
    // The entries the test's producer wrote while the list was open are there too: no gap.
    const newestFive = (await redis.xrevrange(STREAMS.identity, '+', '-', 'COUNT', 5)).map(([id]) => `entry-row-${id}`);
    await expect.poll(async () => page.locator('[data-testid^="entry-row-"]').evaluateAll((rows) => rows.slice(0, 5).map((row) => row.getAttribute('data-testid')))).toEqual(newestFive);
    await shot(page, '08-published');
  });

  expect(errors).toEqual([]);
});

test('a binary value shows as hex, a long value is cut and can be shown whole', async ({ page }) => {
  const key = STREAMS.identityDlq;
  const blobId = (await redis.xadd(key, '*', 'error', 'payload was compressed', 'event', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe])))!;
  const longText = 'x'.repeat(100 * 1024);
  const longId = (await redis.xadd(key, '*', 'error', 'too long', 'note', longText))!;

  // The host keeps the connection the first test opened; a new page adopts it.
  await page.goto(host.url);
  await expect(page.getByTestId('disconnect-button')).toBeVisible();
  // A reload still finds the token (kept for this tab) and the host's connection.
  await page.reload();
  await expect(page.getByTestId('disconnect-button')).toBeVisible();
  await page.getByTestId(`stream-item-${key}`).click();

  await page.getByTestId(`entry-row-${blobId}`).click();
  await expect(page.getByTestId('hex-view')).toContainText('1f 8b 08 00 ff fe');
  await expect(page.getByTestId('hex-view')).toContainText('6 bytes');
  await shot(page, '09-binary-hex');

  await page.getByTestId(`entry-row-${longId}`).click();
  await expect(page.getByTestId('truncated-note')).toContainText('100 KiB');
  const shown = async () => (await page.getByTestId('entry-detail').locator('pre.text-value').last().innerText()).length;
  expect(await shown()).toBe(64 * 1024);
  await page.getByTestId('truncated-note').getByRole('button').click();
  await expect.poll(shown).toBe(longText.length);
  await expect(page.getByTestId('truncated-note')).toHaveCount(0);
  await shot(page, '10-long-value-whole');
});

test('a page with a stale token is told to open the new address', async ({ page }) => {
  await page.goto(host.url.replace(/token=.*/, 'token=from-an-earlier-launch'));
  await expect(page.getByTestId('host-lost')).toContainText('access token is not valid');
  await shot(page, '11-stale-token');
});
