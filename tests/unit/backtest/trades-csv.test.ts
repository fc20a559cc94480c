// The trades' CSV (keel backtest --trades-csv, the app's CSV button): one row per round trip under a fixed
// header, several runs told apart by the run column, a portfolio's trades by their own market, an open
// trade marked open, tags and what closed each trade in their columns, fields quoted where CSV needs it.
import { describe, expect, it } from 'vitest';
import { TRADES_CSV_HEADER, tradesCsv } from '../../../electron/backtest/trades-csv.ts';
import type { Trade } from '../../../electron/backtest/trades.ts';

const T = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

const long: Trade = { side: 'long', entryTs: T, exitTs: T + 5 * HOUR, entryPrice: 100, exitPrice: 110, qty: 2, fees: 0.42, pnl: 19.58, returnPct: 9.79, closed: true, exit: 'signal', entryTag: 'cross up', exitTag: 'cross down', runUpPct: 12, drawdownPct: -1.5, runUp: 24, drawdown: -3 };
const short: Trade = { side: 'short', entryTs: T + 6 * HOUR, exitTs: T + 8 * HOUR, entryPrice: 110, exitPrice: 104.5, qty: 1, fees: 0.21, interest: 0.01, pnl: 5.28, returnPct: 4.8, closed: true, exit: 'take-profit', entryTag: 'rsi>70, hot' };
const open: Trade = { side: 'long', entryTs: T + 9 * HOUR, exitTs: T + 10 * HOUR, entryPrice: 105, exitPrice: 106, qty: 1, fees: 0.1, pnl: 0.9, returnPct: 0.86, closed: false, exit: 'open' };

describe('the trades CSV', () => {
  it('writes a row per trade under the header, numbered per run, with what closed it and its tags', () => {
    const lines = tradesCsv([{ run: 'sma-cross(fast=10,slow=30) moderate', symbol: 'BTC/USDT', trades: [long, short, open] }]).split('\r\n');
    expect(lines[0]).toBe(TRADES_CSV_HEADER.join(','));
    expect(lines[0]).toBe('run,symbol,trade,side,entry_time,entry_ms,entry_price,exit_time,exit_ms,exit_price,qty,fees,interest,pnl,return_pct,exit,entry_tag,exit_tag,run_up_pct,drawdown_pct,run_up,drawdown');
    expect(lines[1]).toBe(`"sma-cross(fast=10,slow=30) moderate",BTC/USDT,1,long,2024-01-01T00:00:00.000Z,${T},100,2024-01-01T05:00:00.000Z,${T + 5 * HOUR},110,2,0.42,0,19.58,9.79,signal,cross up,cross down,12,-1.5,24,-3`);
    // A tag with a comma is quoted; a take-profit has no exit tag; a trade not yet measured has empty run-up cells.
    expect(lines[2]).toBe(`"sma-cross(fast=10,slow=30) moderate",BTC/USDT,2,short,2024-01-01T06:00:00.000Z,${T + 6 * HOUR},110,2024-01-01T08:00:00.000Z,${T + 8 * HOUR},104.5,1,0.21,0.01,5.28,4.8,take-profit,"rsi>70, hot",,,,,`);
    expect(lines[3]).toContain(',3,long,');
    expect(lines[3]).toContain(',open,,,');
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('puts several runs in one file by the run column, and a portfolio trade under its own market', () => {
    const csv = tradesCsv([
      { run: 'a moderate', symbol: 'BTC/USDT', trades: [long] },
      { run: 'b moderate', symbol: 'BTC/USDT+ETH/USDT', trades: [{ ...short, symbol: 'ETH/USDT' }, { ...open, symbol: 'BTC/USDT' }] },
      { run: 'c moderate', symbol: 'BTC/USDT', trades: [] },
    ]);
    const rows = csv.trim().split('\r\n').slice(1).map((l) => l.split(',').slice(0, 4));
    expect(rows).toEqual([
      ['a moderate', 'BTC/USDT', '1', 'long'],
      ['b moderate', 'ETH/USDT', '1', 'short'],
      ['b moderate', 'BTC/USDT', '2', 'long'],
    ]);
  });
});
