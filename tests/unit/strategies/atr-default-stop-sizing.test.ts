// maxBuyQty sizes an entry without a stop against the default stop the risk gate checks it against: k × ATR
// when the limits put it there (defaultStopAtr), not the 2% the position share assumes. Before, sma-cross
// under `--limits defaultStopAtr=2` sized its entries at the mode's share of equity and the gate refused six
// of them in half a year ("risk 2.17% … (2 × ATR(14)) exceeds the 2% limit"): lost trades, not smaller ones.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { candlesFromFile } from '../../../electron/backtest/load-candles.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';

const DATA = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'data');

describe('sizing on an ATR default stop', () => {
  it('sizes entries the gate lets through: none refused for their risk, each within the risk per trade', async () => {
    const { candles } = await candlesFromFile(path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv'), { from: Date.UTC(2023, 0, 1), toExclusive: Date.UTC(2023, 6, 1) });
    const { def, params } = strategyWithParams('sma-cross');
    for (const mode of ['conservative', 'moderate'] as const) {
      const r = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 3_600_000, risk: riskModeSettings(mode, undefined, { defaultStopAtr: 2 }), capital: 10_000, feePct: 0.1, slippageBps: 0 });
      expect(r.notes.filter((n) => /risk-per-trade/.test(n))).toEqual([]);
      expect(r.fills.length).toBeGreaterThan(50);
      // Smaller than the mode's share of equity where the ATR stop is wider than 2%: conservative's 50% is not its every entry.
      const buys = r.fills.filter((f) => f.side === 'buy').map((f) => f.qty * f.price);
      expect(Math.min(...buys)).toBeLessThan(10_000 * r.positionShare * 0.9);
    }
  }, 30_000);
});
