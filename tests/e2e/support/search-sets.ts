// The Optimization tab's ranked sets against `keel backtest --optimize --json`'s: the same sets in the
// same order, each with the CLI's score.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface CliRanking {
  ranked: { params: Record<string, number>; score: number | null }[];
}

export async function expectSetsRankedAsCli(page: Page, cli: CliRanking): Promise<void> {
  const rows = page.locator('[data-testid="bt-search-sets"] tbody tr');
  expect(await rows.count()).toBe(cli.ranked.length);
  for (const [i, set] of cli.ranked.entries()) {
    expect(await rows.nth(i).getAttribute('data-params')).toBe(
      Object.entries(set.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    );
    expect(Number(await rows.nth(i).getAttribute('data-score'))).toBe(set.score);
  }
}
