// `keel backtest --direction short|both` as a user runs it (node bin/keel.js in a child process) over the
// real 1h BTC file in ../shared/data: the trades are held to the file itself (SMA crosses worked out here
// from its closes, fills at the next bar's open), the books add up on a margin account, the printed Sides
// table is the JSON's, a comparison names each direction, long stays what it was, and a bad direction is
// refused with no report written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hourBars } from '../helpers/hour-bars.ts';
import { BTC_1H, runKeel } from '../helpers/keel-cli.ts';

const HOUR = 3_600_000;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-shorts-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const keel = (args: string[]) => runKeel(dir, args);
// Two years of hours: plenty of crosses, a quick run.
const NO_LOSS_LIMITS = ['--limits', 'dailyLossLimitPct=100,maxDrawdownPct=100'];
const RUN = ['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', BTC_1H, '--from', '2020-01-01', '--to', '2021-12-31', '--mode', 'aggressive'];

interface Fill {
  ts: number;
  side: 'buy' | 'sell';
  price: number;
  qty: number;
  fee: number;
  interest?: number;
}
interface Trade {
  side: 'long' | 'short';
  entryTs: number;
  exitTs: number;
  entryPrice: number;
  exitPrice: number;
  qty: number;
  fees: number;
  interest?: number;
  pnl: number;
  closed: boolean;
}
interface Report {
  direction: string;
  borrowRatePct: number;
  capital: number;
  metrics: Record<string, number | null>;
  sides: { side: string; trades: number; winRatePct: number; pnl: number; profitFactor: number | null }[];
  fills: Fill[];
  trades: Trade[];
}
const readJson = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Report;

/** Per bar open time, +1 / -1 when SMA(10) crossed above / below SMA(30) at that bar's close (a touch is no cross). */
function smaCrosses(): Map<number, number> {
  const bars = [...hourBars(BTC_1H)].sort((a, b) => a[0] - b[0]);
  const closes = bars.map(([, b]) => b.c);
  const sma = (n: number, i: number) => (i + 1 < n ? Number.NaN : closes.slice(i + 1 - n, i + 1).reduce((s, c) => s + c, 0) / n);
  const out = new Map<number, number>();
  let side = 0;
  for (let i = 0; i < bars.length; i++) {
    const d = sma(10, i) - sma(30, i);
    if (!(d > 0 || d < 0)) continue;
    const now = d > 0 ? 1 : -1;
    if (side !== 0 && side !== now) out.set(bars[i]![0], now);
    side = now;
  }
  return out;
}

/** The printed table titled `title`: its rows up to the next blank line, split on runs of spaces. */
function printed(out: string, title: string): string[][] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, `"${title}" printed`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length && lines[i]!.trim() !== ''; i++) rows.push(lines[i]!.trim().split(/\s{2,}/));
  return rows;
}

/** Each trade's P&L from its own fills: what was sold less what was bought, less the fees and the borrow interest. */
function checkBooks(r: Report): void {
  let sum = 0;
  for (const t of r.trades) {
    const gross = t.side === 'long' ? (t.exitPrice - t.entryPrice) * t.qty : (t.entryPrice - t.exitPrice) * t.qty;
    expect(t.pnl).toBeCloseTo(gross - t.fees - (t.interest ?? 0), 6);
    sum += t.pnl;
  }
  expect(r.metrics.finalEquity).toBeCloseTo(r.capital + sum, 4);
}

describe('keel backtest --direction', () => {
  const crosses = smaCrosses();
  const bars = hourBars(BTC_1H);

  it('short: every trade is a short, sold at the open after SMA(10) crossed below SMA(30) and bought back at the open after it crossed above; the books add up', () => {
    const r = keel([...RUN, '--direction', 'short', '--json', 'short.json']);
    expect(r.code, r.err).toBe(0);
    const rep = readJson('short.json');
    expect(rep.direction).toBe('short');
    expect(rep.trades.length).toBeGreaterThan(20);
    for (const t of rep.trades) {
      expect(t.side).toBe('short');
      expect(crosses.get(t.entryTs - HOUR), `entry ${new Date(t.entryTs).toISOString()}`).toBe(-1);
      expect(t.entryPrice).toBeCloseTo(bars.get(t.entryTs)!.o, 6);
      if (t.closed) {
        expect(crosses.get(t.exitTs - HOUR), `exit ${new Date(t.exitTs).toISOString()}`).toBe(1);
        expect(t.exitPrice).toBeCloseTo(bars.get(t.exitTs)!.o, 6);
      }
    }
    // Sells open, buys close: the position never goes above flat.
    let pos = 0;
    for (const f of rep.fills) {
      pos += f.side === 'buy' ? f.qty : -f.qty;
      expect(pos).toBeLessThanOrEqual(1e-9);
    }
    checkBooks(rep);
    expect(rep.sides.map((s) => s.side)).toEqual(['short']);
    expect(rep.sides[0]!.trades).toBe(rep.metrics.trades);
  });

  it('both: longs and shorts; a reversal enters the new side at the open after its exit; the printed Sides table is the JSON\'s and adds up to the run', () => {
    const r = keel([...RUN, '--direction', 'both', '--json', 'both.json', '--html', 'both.html']);
    expect(r.code, r.err).toBe(0);
    const rep = readJson('both.json');
    const longs = rep.trades.filter((t) => t.side === 'long');
    const shorts = rep.trades.filter((t) => t.side === 'short');
    expect(longs.length).toBeGreaterThan(10);
    expect(shorts.length).toBeGreaterThan(10);
    let reversals = 0;
    for (const t of rep.trades) {
      const signal = t.side === 'long' ? 1 : -1;
      // Entered at the open after the cross, or (a reversal) at the open after the exit that followed it.
      const direct = crosses.get(t.entryTs - HOUR) === signal;
      const reversed = crosses.get(t.entryTs - 2 * HOUR) === signal && rep.trades.some((u) => u.exitTs === t.entryTs - HOUR);
      expect(direct || reversed, `${t.side} entry ${new Date(t.entryTs).toISOString()}`).toBe(true);
      if (reversed) reversals++;
      if (t.closed) expect(crosses.get(t.exitTs - HOUR)).toBe(-signal);
    }
    expect(reversals).toBeGreaterThan(5);
    checkBooks(rep);

    const table = printed(r.out, 'Sides (long and short)');
    expect(table[0]).toEqual(['side', 'trades', 'win rate', 'P&L', 'avg P&L', 'avg return', 'profit factor']);
    for (const [i, side] of (['long', 'short'] as const).entries()) {
      const row = rep.sides[i]!;
      const closed = rep.trades.filter((t) => t.side === side && t.closed);
      expect(row.trades).toBe(closed.length);
      expect(row.pnl).toBeCloseTo(closed.reduce((s, t) => s + t.pnl, 0), 6);
      expect(table[i + 1]!.slice(0, 4)).toEqual([side, String(row.trades), `${row.winRatePct.toFixed(2)}%`, row.pnl.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })]);
    }
    expect(rep.sides[0]!.trades + rep.sides[1]!.trades).toBe(rep.metrics.trades);
    const html = readFileSync(path.join(dir, 'both.html'), 'utf8');
    expect(html).toContain('· long and short</title>');
    expect(html).toContain('<h2>Sides (long and short)</h2>');
  });

  it('long is the default: the same fills as without the flag, and no Sides table', () => {
    const plain = keel([...RUN, '--json', 'plain.json']);
    const long = keel([...RUN, '--direction', 'long', '--json', 'long.json']);
    expect(plain.code).toBe(0);
    expect(long.code).toBe(0);
    expect(readJson('long.json').fills).toEqual(readJson('plain.json').fills);
    expect(readJson('long.json').direction).toBe('long');
    expect(readJson('long.json').trades.every((t) => t.side === 'long')).toBe(true);
    expect(long.out).not.toContain('Sides');
  });

  it('compares directions side by side, each column named, with its long and short trades', () => {
    const r = keel([...RUN, '--direction', 'long,short,both', '--json', 'cmp.json']);
    expect(r.code, r.err).toBe(0);
    const header = r.out.split('\n')[0]!;
    expect(header).toMatch(/sma-cross\(fast=10,slow=30\) aggressive\s+sma-cross\(fast=10,slow=30\) aggressive short\s+sma-cross\(fast=10,slow=30\) aggressive long\+short/);
    const shortTrades = r.out.split('\n').find((l) => l.startsWith('short trades'))!.trim().split(/\s{2,}/);
    const doc = JSON.parse(readFileSync(path.join(dir, 'cmp.json'), 'utf8')) as { runs: { direction: string; metrics: Record<string, number> }[] };
    expect(doc.runs.map((x) => x.direction)).toEqual(['long', 'short', 'both']);
    expect(shortTrades[1]).toBe('0');
    expect(shortTrades[2]).toBe(String(doc.runs[1]!.metrics.trades));
  });

  it('--borrow-rate: each buy-back pays rate × what it bought back × the time it was held; the trades, the equity and the summary count it', () => {
    // The loss limits opened: the shorts lose in 2020-21's rally, and the kill switch, pulled sooner by the
    // interest's lower equity, would part the trades of the run with interest and the run without.
    const r = keel([...RUN, '--direction', 'short', ...NO_LOSS_LIMITS, '--borrow-rate', '20', '--json', 'borrow.json', '--html', 'borrow.html']);
    expect(r.code, r.err).toBe(0);
    const rep = readJson('borrow.json');
    expect(rep.borrowRatePct).toBe(20);
    const YEAR = 365 * 24 * HOUR;
    let paid = 0;
    const shortFills = rep.fills.filter((f) => f.side === 'sell');
    for (const t of rep.trades) {
      const sold = shortFills.find((f) => f.ts === t.entryTs)!;
      if (!t.closed) continue;
      // sma-cross sells once and buys back once: the fill that buys back pays for the whole short.
      const back = rep.fills.find((f) => f.ts === t.exitTs && f.side === 'buy')!;
      const owed = back.qty * back.price * 0.2 * ((t.exitTs - sold.ts) / YEAR);
      expect(back.interest, `buy-back at ${new Date(t.exitTs).toISOString()}`).toBeCloseTo(owed, 6);
      expect(t.interest).toBe(back.interest);
      paid += back.interest!;
    }
    expect(paid).toBeGreaterThan(100);
    // What a short still open at the end owes is counted too.
    const open = rep.trades.find((t) => !t.closed);
    expect(rep.metrics.borrowInterest).toBeCloseTo(paid + (open?.interest ?? 0), 6);
    checkBooks(rep);
    const row = r.out.split('\n').find((l) => l.startsWith('borrow interest'))!;
    expect(row.trim().split(/\s{2,}/)[1]).toBe(rep.metrics.borrowInterest!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(r.out).not.toContain('borrowed for free');
    // The HTML says the rate, has the row, and a trades column for the interest.
    const html = readFileSync(path.join(dir, 'borrow.html'), 'utf8');
    expect(html).toContain('· borrow 20% a year');
    expect(html).toContain(`<td>borrow interest (USDT)</td><td>${rep.metrics.borrowInterest!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>`);
    expect(html).toContain("<th>fees</th><th>interest</th><th>P&#38;L</th>");

    // Free borrowing: the same trades at the same times, and a note that the cost was left out.
    const free = keel([...RUN, '--direction', 'short', ...NO_LOSS_LIMITS, '--json', 'free.json']);
    const freeRep = readJson('free.json');
    expect(freeRep.trades.map((t) => [t.entryTs, t.exitTs])).toEqual(rep.trades.map((t) => [t.entryTs, t.exitTs]));
    expect(freeRep.metrics.borrowInterest).toBe(0);
    expect(freeRep.metrics.finalEquity).toBeGreaterThan(rep.metrics.finalEquity!);
    expect(free.out).toContain(`note: its ${freeRep.trades.length} shorts borrowed for free (a borrow rate of 0% a year)`);
  });

  it('refuses a borrow rate outside 0 to 1000, and one for a long-only run, writing no report', () => {
    const bad = keel([...RUN, '--direction', 'both', '--borrow-rate', '-2', '--json', 'bad-rate.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--borrow-rate -2: give what a short pays on what it borrowed, percent a year from 0 to 1000 (5 is 5% a year, 0.01% a day is 3.65)');
    const longOnly = keel([...RUN, '--borrow-rate', '5', '--json', 'bad-rate.json']);
    expect(longOnly.code).toBe(2);
    expect(longOnly.err).toContain('--borrow-rate is what shorts pay on what they borrow, and a long-only run never borrows; add --direction short or both');
    expect(existsSync(path.join(dir, 'bad-rate.json'))).toBe(false);
  });

  it('refuses an unknown direction, naming the valid ones, and writes no report', () => {
    const r = keel([...RUN, '--direction', 'sideways', '--json', 'bad.json', '--html', 'bad.html']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown direction "sideways"; valid: long (long or flat), short (short or flat), both');
    expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'bad.html'))).toBe(false);
  });
});
