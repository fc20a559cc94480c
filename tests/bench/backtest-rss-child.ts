// Child process of the backtest bench: one sma-cross run over N tiled 1m candles, then prints the
// process's peak resident memory in MB (so the figure is this run's alone, not the bench process's).
import { NO_STOPS, riskModeSettings } from '../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../electron/backtest/run-backtest.ts';
import { strategyWithParams } from '../../electron/strategies/registry.ts';
import { tiledColumns } from './backtest-candles.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const candles = tiledColumns(n);
const { def, params } = strategyWithParams('sma-cross');
const r = runBacktest({ def, params, symbol: 'BTC/USDT', candles, barMs: 60_000, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 10_000, feePct: 0.1, slippageBps: 0 });
if (r.metrics.bars !== n) throw new Error(`ran ${r.metrics.bars} bars of ${n}`);
process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
