// A portfolio backtest trades several markets from one account through the one engine: over one market
// it gives to the last digit what runBacktest gives; over the real BTC and ETH hourly files both markets
// trade from one cash balance (each market's P&L adds up to the account's), the risk room sees the whole
// book (one concurrent position allowed: never two open at once, and the refusals say so), markets that
// start at different times share one timeline, and the benchmark is the equal-weight basket; weights size
// each market to its share of the account and buy the basket in the same shares.
import { beforeAll, describe, expect, it } from 'vitest';
import { hourlyPair } from '../../helpers/hourly-pair.ts';
import type { CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { runPortfolio, unionOfTimes, type PortfolioRun } from '../../../electron/backtest/run-portfolio.ts';
import { portfolioExtra } from '../../../electron/backtest/report-extras.ts';
import { sliceColumns } from '../../../electron/backtest/run-setup.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { defineStrategy } from '../../../electron/strategies/strategy.ts';

const HOUR = 3_600_000;
let btc: CandleColumns;
let eth: CandleColumns;
beforeAll(async () => {
  // Two years of each: enough trades, and quick.
  ({ btc, eth } = await hourlyPair(17_520));
});

const { def, params } = strategyWithParams('sma-cross', { fast: 10, slow: 30 });
const base = (over: Partial<PortfolioRun> = {}): PortfolioRun => ({ def, params, markets: [], barMs: HOUR, risk: riskModeSettings('moderate'), capital: 10_000, feePct: 0.1, slippageBps: 0, ...over });

/** Per market, the position after each fill, in time order: a fill leaves it open or flat. */
function openAt(fills: readonly { ts: number; side: string; qty: number; symbol?: string }[]): { ts: number; open: number }[] {
  const pos = new Map<string, number>();
  return fills.map((f) => {
    pos.set(f.symbol!, (pos.get(f.symbol!) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty));
    return { ts: f.ts, open: [...pos.values()].filter((q) => Math.abs(q) > 1e-9).length };
  });
}

describe('runPortfolio', () => {
  it('over one market is the single-market run: the same fills, equity at every bar and metrics', () => {
    // Re-armed a week after a drawdown kill, as a trader might: else the first one ends the trading (and
    // the re-arms are compared too).
    const risk = { ...riskModeSettings('moderate'), rearmAfterDays: 7 };
    const one = runBacktest({ def, params, symbol: 'BTC/USDT', candles: btc, barMs: HOUR, risk, capital: 10_000, feePct: 0.1, slippageBps: 0 });
    const pf = runPortfolio(base({ risk, markets: [{ symbol: 'BTC/USDT', candles: btc }] }));
    expect(one.fills.length).toBeGreaterThan(100);
    expect(pf.fills.map(({ symbol, ...f }) => (expect(symbol).toBe('BTC/USDT'), f))).toEqual(one.fills);
    expect(Array.from(pf.equity)).toEqual(Array.from(one.equity));
    expect(pf.metrics).toEqual(one.metrics);
    expect(pf.refusals).toBe(one.refusals);
  });

  it('over one market with loss limits that close the positions is the single-market run too: the same sales at the points that breached', () => {
    const risk = { ...riskModeSettings('moderate', undefined, { closeOnLossLimit: true }), rearmAfterDays: 7 };
    const one = runBacktest({ def, params, symbol: 'BTC/USDT', candles: btc, barMs: HOUR, risk, capital: 10_000, feePct: 0.1, slippageBps: 0 });
    const pf = runPortfolio(base({ risk, markets: [{ symbol: 'BTC/USDT', candles: btc }] }));
    const closes = one.trades.filter((t) => t.exitTag === 'kill switch');
    expect(closes.length).toBeGreaterThan(2);
    // Some of them inside a bar (at an extreme, a third or two thirds in), not at an hour's open.
    expect(closes.some((t) => t.exitTs % HOUR !== 0)).toBe(true);
    expect(pf.fills.map(({ symbol, ...f }) => (expect(symbol).toBe('BTC/USDT'), f))).toEqual(one.fills);
    expect(Array.from(pf.equity)).toEqual(Array.from(one.equity));
    expect(pf.metrics).toEqual(one.metrics);
  });

  it('trades two markets from one account: both trade, and their P&L adds up to the account\'s', () => {
    const pf = runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }] }));
    const [b, e] = pf.portfolio.parts;
    expect(b!.fills).toBeGreaterThan(50);
    expect(e!.fills).toBeGreaterThan(50);
    expect(b!.fills + e!.fills).toBe(pf.fills.length);
    expect(pf.trades.every((t) => t.symbol === 'BTC/USDT' || t.symbol === 'ETH/USDT')).toBe(true);
    // Every trade's P&L is net of its fees; open positions are valued at their market's last close, as the equity is.
    expect(b!.pnl + e!.pnl).toBeCloseTo(pf.metrics.finalEquity - pf.capital, 4);
    // Sized to half the share each, so both positions were held at once at times, from one cash balance.
    expect(Math.max(...openAt(pf.fills).map((x) => x.open))).toBe(2);
    expect(pf.metrics.bars).toBe(btc.length);
  });

  it('holds the risk room\'s limits over the whole book: one concurrent position allowed, never two', () => {
    const risk = riskModeSettings('custom', 0.5, { maxConcurrentPositions: 1 });
    const pf = runPortfolio(base({ risk, markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }] }));
    expect(pf.portfolio.parts.every((p) => p.fills > 0)).toBe(true);
    expect(Math.max(...openAt(pf.fills).map((x) => x.open))).toBe(1);
    expect(pf.refusals).toBeGreaterThan(0);
    expect(pf.notes.some((n) => /concurrent/i.test(n))).toBe(true);
  });

  it('runs markets that start at different times on one timeline, the later one idle (and its basket share cash) until its first bar', () => {
    const late = sliceColumns(eth, 5000, eth.length);
    const pf = runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: late }] }));
    expect(pf.t.length).toBe(btc.length);
    const firstEth = pf.fills.find((f) => f.symbol === 'ETH/USDT')!;
    expect(firstEth.ts).toBeGreaterThan(late.t[0]!);
    // Before ETH's first bar the basket is BTC's half plus ETH's half still in cash.
    const half = 5000;
    expect(pf.portfolio.basket[0]).toBeCloseTo((5000 / 1.001) * (btc.c[0]! / btc.o[0]!) + half, 6);
    const endBasket = (5000 / 1.001) * (btc.c[btc.length - 1]! / btc.o[0]!) + (5000 / 1.001) * (late.c[late.length - 1]! / late.o[0]!);
    expect(pf.metrics.buyHoldReturnPct).toBeCloseTo((endBasket / 10_000 - 1) * 100, 8);
  });

  it('says when a market\'s candles end before the run\'s, and that the position it still holds stays open at its last close', () => {
    const pair = [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }];
    const full = runPortfolio(base({ markets: pair }));
    expect(full.notes.some((n) => /different stretches/.test(n))).toBe(false);
    // Cut ETH a few bars after an entry it held for longer: the run up to there is the same, so it ends holding it.
    const buy = full.fills.find((f, i) => f.symbol === 'ETH/USDT' && f.side === 'buy' && (full.fills.slice(i + 1).find((g) => g.symbol === 'ETH/USDT')?.ts ?? Infinity) > f.ts + 10 * HOUR)!;
    const cut = sliceColumns(eth, 0, Array.from(eth.t).indexOf(buy.ts) + 3);
    const pf = runPortfolio(base({ markets: [pair[0]!, { symbol: 'ETH/USDT', candles: cut }] }));
    const last = cut.c[cut.length - 1]!;
    expect(pf.notes).toContainEqual(expect.stringMatching(/^the markets' candles cover different stretches \(BTC\/USDT .* to .*, ETH\/USDT .* to .*\)/));
    expect(pf.notes).toContainEqual(`ETH/USDT's candles end with the bar closed at ${new Date(cut.t[cut.length - 1]! + HOUR).toISOString().replace('.000Z', 'Z')}, before the run's last bar, closed at ${new Date(btc.t[btc.length - 1]! + HOUR).toISOString().replace('.000Z', 'Z')}: its long of ${buy.qty} stayed open from then to the end at that bar's close (${last}), and the equity and its P&L count it so; give every market candles to the same date to see it close`);
    // And so it is counted: the account's last equity holds it at that close.
    const eth1 = pf.portfolio.parts[1]!;
    expect(eth1.pnl + pf.portfolio.parts[0]!.pnl).toBeCloseTo(pf.metrics.finalEquity - pf.capital, 4);
  });

  it('sizes each market to its weight\'s share of the account and buys the basket in the same shares', () => {
    const pair = [{ symbol: 'BTC/USDT', candles: btc, weight: 3 }, { symbol: 'ETH/USDT', candles: eth, weight: 1 }];
    const pf = runPortfolio(base({ markets: pair }));
    expect(pf.portfolio.parts.map((p) => p.weight)).toEqual([0.75, 0.25]);
    // The first entry of each market, sized from the equity at the close before it (moderate: all of it, so
    // three quarters or a quarter, less the room the fee needs and the lot step).
    const bar = (ts: number) => unionOfTimes([btc.t, eth.t]).indexOf(ts) - 1;
    for (const [symbol, share] of [['BTC/USDT', 0.75], ['ETH/USDT', 0.25]] as const) {
      const first = pf.fills.find((f) => f.symbol === symbol)!;
      const equityBefore = pf.equity[bar(first.ts)]!;
      expect(first.side).toBe('buy');
      expect((first.qty * first.price) / equityBefore).toBeGreaterThan(share * 0.99);
      expect((first.qty * first.price) / equityBefore).toBeLessThanOrEqual(share);
    }
    const basketAt = (i: number) => (7500 / 1.001) * (btc.c[i]! / btc.o[0]!) + (2500 / 1.001) * (eth.c[i]! / eth.o[0]!);
    expect(pf.portfolio.basket[0]).toBeCloseTo(basketAt(0), 6);
    expect(pf.metrics.buyHoldReturnPct).toBeCloseTo((basketAt(btc.length - 1) / 10_000 - 1) * 100, 8);
    // Equal weights are equal shares, whatever the numbers: the run without weights, to the last digit.
    const plain = runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }] }));
    const even = runPortfolio(base({ markets: pair.map((m) => ({ ...m, weight: 1 })) }));
    expect(even.fills).toEqual(plain.fills);
    expect(Array.from(even.equity)).toEqual(Array.from(plain.equity));
    expect(pf.fills).not.toEqual(plain.fills);
  });

  it('leaves a market quoted in another asset than the account out of the buy-and-hold basket, and says so', () => {
    // ETH priced in BTC, beside BTC/USDT: a USDT account. ETH/BTC's closes are BTC, no USDT amount: counted in
    // the basket as USDT, its rise in BTC was taken for a rise in USDT (442% where BTC/USDT alone made 541%).
    const ethBtc: CandleColumns = { ...eth, o: eth.o.map((p, i) => p / btc.o[i]!), h: eth.h.map((p, i) => p / btc.l[i]!), l: eth.l.map((p, i) => p / btc.h[i]!), c: eth.c.map((p, i) => p / btc.c[i]!) };
    const pf = runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/BTC', candles: ethBtc }] }));
    const alone = (i: number) => (10_000 / 1.001) * (btc.c[i]! / btc.o[0]!);
    expect(pf.portfolio.basket[0]).toBeCloseTo(alone(0), 6);
    expect(pf.portfolio.basket[btc.length - 1]).toBeCloseTo(alone(btc.length - 1), 6);
    expect(pf.metrics.buyHoldReturnPct).toBeCloseTo(pf.portfolio.parts[0]!.buyHoldReturnPct, 8);
    expect(pf.notes).toContain("the buy-and-hold benchmark leaves out ETH/BTC, quoted in BTC, not in the account's USDT (its prices are no USDT amounts, and its orders are refused): the basket holds BTC/USDT alone");
    // Its own buy and hold, in BTC, is still told beside it.
    expect(pf.portfolio.parts[1]!.buyHoldReturnPct).toBeCloseTo((ethBtc.c[eth.length - 1]! / (ethBtc.o[0]! * 1.001) - 1) * 100, 6);
    // The portfolio table (CLI and HTML) says so in its cell, not read as a USDT return beside BTC/USDT's.
    const holdCell = (symbol: string) => portfolioExtra(pf).rows.find((row) => row[0] === symbol)!.at(-1)!;
    expect(holdCell('ETH/BTC')).toMatch(/^-?[\d,]+\.\d\d% \(in BTC\)$/);
    expect(holdCell('BTC/USDT')).toMatch(/^-?[\d,]+\.\d\d%$/);
    // Markets all in one asset are the account's: nothing is left out.
    const same = runPortfolio(base({ markets: [{ symbol: 'ETH/BTC', candles: ethBtc }, { symbol: 'XRP/BTC', candles: ethBtc }] }));
    expect(same.notes.join('\n')).not.toMatch(/leaves out/);
  });

  it('names the market each strategy note and refusal is about, and the market whose strategy threw', () => {
    // At its first bar each market's strategy notes its close and asks for more than it can pay for.
    const noter = defineStrategy({
      name: 'noter',
      description: 'notes its first close and over-buys',
      params: { level: { type: 'int', default: 1, min: 1, max: 10, description: 'which run fails' } },
      indicators: () => [],
      create(p, ctx) {
        return {
          onBar(bar) {
            if (bar.index !== 0) return;
            ctx.note(`first close ${bar.c}`);
            ctx.buy(1e9);
            if (p.level === 2 && ctx.symbol === 'ETH/USDT') throw new Error('level 2 fails on ETH');
          },
        };
      },
    });
    const pair = [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: eth }];
    const pf = runPortfolio(base({ def: noter, params: { level: 1 }, markets: pair }));
    expect(pf.notes).toContain(`BTC/USDT: first close ${btc.c[0]}`);
    expect(pf.notes).toContain(`ETH/USDT: first close ${eth.c[0]}`);
    // Each refusal names its market once (the engine's words already do, so nothing is put in front of them).
    const refused = pf.notes.filter((n) => n.includes('refused'));
    expect(refused.some((n) => n.startsWith('noter: buy 1000000000 BTC/USDT refused'))).toBe(true);
    expect(refused.some((n) => n.startsWith('noter: buy 1000000000 ETH/USDT refused'))).toBe(true);
    expect(() => runPortfolio(base({ def: noter, params: { level: 2 }, markets: pair }))).toThrow(`noter with level=2 on ETH/USDT stopped the run at the bar closed at ${new Date(btc.t[0]! + HOUR).toISOString().replace('.000Z', 'Z')}: level 2 fails on ETH`);
  });

  it('refuses a weight that is not a number above 0', () => {
    for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc, weight }, { symbol: 'ETH/USDT', candles: eth, weight: 1 }] }))).toThrow(/BTC\/USDT's weight must be a number above 0/);
    }
  });

  it('refuses a market given twice, and a market without candles', () => {
    expect(() => runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'BTC/USDT', candles: btc }] }))).toThrow(/BTC\/USDT is given twice/);
    expect(() => runPortfolio(base({ markets: [{ symbol: 'BTC/USDT', candles: btc }, { symbol: 'ETH/USDT', candles: sliceColumns(eth, 0, 0) }] }))).toThrow(/no candles of ETH\/USDT/);
  });
});

describe('unionOfTimes', () => {
  it('merges ascending series into every time once', () => {
    const got = unionOfTimes([Float64Array.of(1, 3, 5, 7), Float64Array.of(2, 3, 8), Float64Array.of()]);
    expect(Array.from(got)).toEqual([1, 2, 3, 5, 7, 8]);
  });
});
