// Without the token `keel serve` printed, nothing of the app loads: the server answers 401 with an
// explanation, and a page that got in on the cookie but has no token for the bridge says what to open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeel, type KeelApp } from './support/keel-app.ts';

let keel: KeelApp;

beforeAll(async () => {
  keel = await openKeel();
});

afterAll(() => keel?.close());

describe('access to keel serve', () => {
  it('refuses the page without the token, and the app does not load', async () => {
    const context = await keel.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(req.url());
    });
    const response = await page.goto(`${keel.origin}/`);
    expect([401, 403]).toContain(response?.status());
    expect(await page.locator('body').textContent()).toMatch(/token/i);
    expect(await page.getByTestId('app').count()).toBe(0);
    expect(scripts).toEqual([]);

    const wrong = await page.goto(`${keel.origin}/?token=not-the-token`);
    expect([401, 403]).toContain(wrong?.status());
    expect(await page.getByTestId('app').count()).toBe(0);
    await context.close();
  });

  it('refuses the built assets without the token', async () => {
    const context = await keel.browser.newContext();
    const response = await context.request.get(`${keel.origin}/index.html`);
    expect([401, 403]).toContain(response.status());
    await context.close();
  });

  it('tells the user to open the printed URL when the page has no token for the bridge', async () => {
    const context = await keel.browser.newContext();
    const page = await context.newPage();
    await page.goto(keel.url);
    await page.getByTestId('app').waitFor();
    // The first visit left the cookie, so the page itself loads; the app still needs the token in its URL.
    await page.goto(`${keel.origin}/`);
    await page.getByTestId('connection-failure').waitFor();
    expect(await page.getByTestId('connection-failure').textContent()).toContain('Open the URL that keel serve printed; it carries the access token.');
    expect(await page.getByTestId('app').count()).toBe(0);
    await context.close();
  });
});
