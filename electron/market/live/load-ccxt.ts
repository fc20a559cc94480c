// Loads one ccxt exchange class, on demand, without loading all of ccxt.
//
// ccxt's package entry (js/ccxt.js) imports every exchange: measured on this machine (Node 24, ccxt 4.5.84),
// `await import('ccxt')` takes ~300 ms and ~100 MB of RSS, while importing only js/src/pro/binance.js (the
// websocket class, which extends the REST one) takes ~100 ms and ~36 MB. The package's `exports` map only
// exposes ".", so the single file is reached by path from the resolved entry; the version is pinned exactly
// in package.json, and if that layout ever moves this falls back to the full import. Nothing imports this
// module statically at start-up: a live source calls it when it first needs the exchange.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A ccxt exchange constructor; instances are used through the narrow CcxtExchange interface. */
export type ExchangeClass = new (config?: Record<string, unknown>) => object;

export interface LoadedExchangeClass {
  cls: ExchangeClass;
  /** 'pro' is the websocket-capable class, 'rest' a REST-only one, 'full' came from the whole package. */
  from: 'pro' | 'rest' | 'full';
}

const ID_RE = /^[a-z0-9]{2,40}$/;

/** ccxt's ESM sources, found from the CommonJS entry that `exports` does expose (dist/ccxt.cjs → js/src). */
function ccxtSourceDir(): string {
  const entry = createRequire(import.meta.url).resolve('ccxt');
  return path.join(path.dirname(path.dirname(entry)), 'js', 'src');
}

/** The file's default export if it is a class; undefined when the file is missing or will not load by path. */
async function importDefault(file: string): Promise<ExchangeClass | undefined> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return typeof mod.default === 'function' ? (mod.default as ExchangeClass) : undefined;
  } catch {
    // Missing, or a packaging that does not allow loading by path (an archive, a bundler): the caller
    // falls back to the package entry, which is slower but always works.
    return undefined;
  }
}

export async function loadExchangeClass(id: string): Promise<LoadedExchangeClass> {
  // The id becomes part of a file path: only ccxt-style ids get that far.
  if (!ID_RE.test(id)) throw new RangeError(`"${id}" is not a ccxt exchange id (lower-case letters and digits)`);
  let dir: string | undefined;
  try {
    dir = ccxtSourceDir();
  } catch {
    dir = undefined;
  }
  if (dir !== undefined) {
    const pro = await importDefault(path.join(dir, 'pro', `${id}.js`));
    if (pro) return { cls: pro, from: 'pro' };
    const rest = await importDefault(path.join(dir, `${id}.js`));
    if (rest) return { cls: rest, from: 'rest' };
  }
  const all = (await import('ccxt')) as unknown as { pro: Record<string, unknown>; exchanges: Record<string, unknown> } & Record<string, unknown>;
  const cls = all.pro[id] ?? all[id];
  if (typeof cls !== 'function') throw new RangeError(`ccxt has no exchange "${id}"; known ids include ${Object.keys(all.exchanges).slice(0, 20).join(', ')}, ...`);
  return { cls: cls as ExchangeClass, from: 'full' };
}
