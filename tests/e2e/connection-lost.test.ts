// When `keel serve` goes away under an open page, the page says so instead of showing a frozen chart as current.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel();
});

afterAll(() => keel?.close());

describe('losing the engine', () => {
  it('shows that the connection is gone when keel serve stops', async () => {
    const context = await keel.browser.newContext();
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
