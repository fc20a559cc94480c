// One Keel for an e2e test file, as a user runs it: a fresh data directory with the sample candles the file
// asks for imported by `keel import`, `keel serve` on it, and Chromium. A file opens it in beforeAll and
// closes it in afterAll; close() takes everything down, the newest first, and removes the data directory.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { collectPageProblems, launchChromium } from './browser.ts';
import { importSample, tempDataDir } from './keel-cli.ts';
import { startKeelServe, type KeelServe } from './keel-serve.ts';
import { assertRendererBuilt, type Sample } from './paths.ts';

export interface KeelOptions {
  /** Sample series to import before keel serve starts, in this order; none leaves the journal empty. */
  candles?: Sample[];
  /**
   * Added to keel serve's environment. KEEL_MARKET is 'none' unless set here: no market source of the
   * engine's own (no network, no simulated market), so the only prices are the ones a test plays.
   */
  env?: NodeJS.ProcessEnv;
  /** Runs on the data directory after the imports, before keel serve first starts. */
  prepare?: (dataDir: string) => void | Promise<void>;
}

export interface KeelApp {
  /** The URL keel serve printed, token included (of the keel serve running now, after a restart too). */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly token: string;
  browser: Browser;
  dataDir: string;
  /** A new browser context and a page in it, with the page's problems collected (see collectPageProblems). */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
  /** Stops keel serve (SIGTERM: the journal closes cleanly); the browser and the data stay. */
  stop(): Promise<void>;
  /** Starts keel serve again on the same data directory and environment (stopping the one that runs, if any). */
  start(): Promise<void>;
  /** Closes the browser, stops keel serve and removes the data directory. */
  close(): Promise<void>;
}

export async function openKeel(options: KeelOptions = {}): Promise<KeelApp> {
  assertRendererBuilt();
  const env = { KEEL_MARKET: 'none', ...options.env };
  // What to undo, in the order it was set up; close() undoes it from the end, on to the start whatever fails.
  const undo: (() => Promise<unknown>)[] = [];
  const close = async () => {
    const errors: unknown[] = [];
    for (const step of undo.splice(0).reverse()) await step().catch((err: unknown) => errors.push(err));
    if (errors.length > 0) throw errors[0];
  };
  try {
    const data = await tempDataDir();
    undo.push(data.remove);
    for (const sample of options.candles ?? []) await importSample(data.dir, sample);
    await options.prepare?.(data.dir);
    let serve: KeelServe = await startKeelServe(data.dir, { env });
    undo.push(() => serve.stop());
    const browser = await launchChromium();
    undo.push(() => browser.close());
    return {
      get url() {
        return serve.url;
      },
      get origin() {
        return serve.origin;
      },
      get token() {
        return serve.token;
      },
      browser,
      dataDir: data.dir,
      async newPage(contextOptions) {
        const context = await browser.newContext(contextOptions);
        const page = await context.newPage();
        return { context, page, problems: collectPageProblems(page) };
      },
      stop: () => serve.stop(),
      async start() {
        await serve.stop();
        serve = await startKeelServe(data.dir, { env });
      },
      close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
