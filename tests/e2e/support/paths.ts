// Where the e2e tests find Keel and the shared sample data. The data stays outside the repo.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const keelBin = path.join(repoRoot, 'bin', 'keel.js');

/** 45,031 one-minute BTC perpetual candles, 2021-12-31 to 2022-02-01, from the shared data folder. */
export const btcMinuteCsv = path.resolve(repoRoot, '..', 'shared', 'data', 'nautilus_btc-perp-20211231-20220201_1m.csv');

/** `keel serve` serves out/renderer; the e2e run needs it built (`npm run test:e2e` builds it first). */
export function assertRendererBuilt(): void {
  const index = path.join(repoRoot, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build:renderer\` (or \`npm run test:e2e\`, which builds it) before the e2e tests`);
}
