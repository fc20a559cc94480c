// When `keel serve` goes away under an open page, the page says so instead of showing a frozen chart as current.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { tempDataDir } from './support/keel-cli.ts';
import { startKeelServe, type KeelServe } from './support/keel-serve.ts';
import { assertRendererBuilt } from './support/paths.ts';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let keel: KeelServe;
let browser: Browser;

beforeAll(async () => {
  assertRendererBuilt();
  data = await tempDataDir();
  keel = await startKeelServe(data.dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await keel?.stop();
  await data?.remove();
});

describe('losing the engine', () => {
  it('shows that the connection is gone when keel serve stops', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(keel.url);
    await expect.poll(() => page.getByTestId('connection').textContent()).toMatch(/^Connected/);
    await keel.stop();
    await page.getByTestId('connection-lost').waitFor();
    expect(await page.getByTestId('connection-lost').textContent()).toContain('Connection to Keel lost');
    expect(await page.getByTestId('connection').textContent()).toBe('Disconnected');
    await context.close();
  });
});
