// A search's part of the JSON report: the best sets (at most RANKED_IN_JSON of them) with how many ran, and the
// bar ranges the search ranked over and held out, so a script reading a 1,500-set search's file knows it holds
// the best 100 and which bars the scores are over (before, neither was in the file, and with --holdout 0 the
// in-sample range could not even be inferred from the held-out one).
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../electron/backtest/optimize.ts';
import { RANKED_IN_JSON, reportDoc } from '../../../electron/backtest/report-json.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

const closes = Array.from({ length: 600 }, (_, i) => 100 + 10 * Math.sin(i / 25) + i * 0.01);
const { def, params } = strategyWithParams('sma-cross');
const run = runBacktest({ def, params, symbol: 'TST/USDT', candles: synthetic(closes), barMs: 60_000, risk: riskModeSettings('moderate'), capital: 1000, feePct: 0.1, slippageBps: 0 });

describe("the JSON report's optimization", () => {
  it('lists the best sets, says how many ran, and gives the in-sample and held-out bar ranges', () => {
    const ranked = Array.from({ length: 150 }, (_, i) => ({ params: { fast: i + 1, slow: 200 }, score: 150 - i, metrics: run.metrics }));
    const search: SearchResult = { objective: 'sharpe', ranked, inSample: { from: 0, to: 450 }, outOfSample: { from: 450, to: 600, metrics: run.metrics, score: 1 }, warnings: [] };
    const doc = JSON.parse(JSON.stringify(reportDoc(run, '1m', 'synthetic', { optimization: search, method: 'grid' }))) as {
      optimization: { setsRun: number; inSample: { from: number; to: number }; outOfSample: { from: number; to: number }; ranked: { params: { fast: number }; score: number }[] };
    };
    expect(RANKED_IN_JSON).toBe(100);
    expect(doc.optimization.setsRun).toBe(150);
    expect(doc.optimization.ranked.length).toBe(100);
    expect(doc.optimization.ranked[0]!.params.fast).toBe(1);
    expect(doc.optimization.ranked.at(-1)!.score).toBe(51);
    expect(doc.optimization.inSample).toEqual({ from: 0, to: 450 });
    expect(doc.optimization.outOfSample).toMatchObject({ from: 450, to: 600 });
  });

  it('with nothing held out, still says which bars were searched', () => {
    const search: SearchResult = { objective: 'return', ranked: [{ params: { fast: 5 }, score: 3, metrics: run.metrics }], inSample: { from: 0, to: 600 }, outOfSample: null, warnings: [] };
    const doc = JSON.parse(JSON.stringify(reportDoc(run, '1m', 'synthetic', { optimization: search }))) as { optimization: { setsRun: number; inSample: unknown; outOfSample: unknown } };
    expect(doc.optimization).toMatchObject({ setsRun: 1, inSample: { from: 0, to: 600 }, outOfSample: null });
  });
});
