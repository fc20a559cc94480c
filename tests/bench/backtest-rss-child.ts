// Child process of the backtest bench: one sma-cross run over N tiled 1m candles, then prints the
// process's peak resident memory in MB (so the figure is this run's alone, not the bench process's).
import { benchSmaCross, tiledColumns } from './backtest-candles.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const candles = tiledColumns(n);
const r = benchSmaCross(candles);
if (r.metrics.bars !== n) throw new Error(`ran ${r.metrics.bars} bars of ${n}`);
process.stdout.write(`${process.resourceUsage().maxRSS / 1024}\n`);
