// A replay started over with a paper position open: the position is marked again at the earlier candles'
// prices, a jump the trader did not trade. The risk room must not count it as a loss (the daily loss limit
// pulling the kill switch on a rewind) nor hide a real loss behind it: market time going back starts a new
// risk day from the equity at the replayed prices, and moves the drawdown's peak by the same jump. Through
// the app's real services (journal file, market service, replay, paper engine, risk service).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/domain/candle.ts';
import { strategyApp, type StrategyApp } from '../helpers/strategy-app.ts';

const SERIES = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const T0 = Date.UTC(2024, 0, 1);
const USER = { kind: 'user' } as const;

/** Ten candles down from 100 to 90, then ninety up to 180; all on 2024-01-01 (UTC). */
function fallThenRise(): Candle[] {
  const out: Candle[] = [];
  for (let i = 0; i < 100; i++) {
    const o = i < 10 ? 100 - i : 90 + (i - 10);
    const c = i < 10 ? o - 1 : o + 1;
    out.push({ t: T0 + i * 60_000, o, h: Math.max(o, c), l: Math.min(o, c), c, v: 100 });
  }
  return out;
}

let dir: string;
let app: StrategyApp;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-rewind-'));
  app = strategyApp({ file: join(dir, 'journal.sqlite'), fillModel: { slippageBps: 0 } });
  app.candles.upsert(SERIES, fallThenRise());
  app.trading.risk.setLimits({ timeZone: 'UTC', dailyLossLimitPct: 1, maxDrawdownPct: 5 }, 'user');
});

afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Plays `candles` candles (four ticks each) synchronously. */
function play(candles: number): void {
  app.replay.step(candles * 4);
}

function equity(): number {
  return app.trading.risk.state().equity;
}

describe('a replay started over with a position open', () => {
  it('does not count the rewind as a loss: no kill switch, a new day from the equity at the replayed prices, the drawdown unchanged', () => {
    app.market.startReplay(SERIES, { speed: 1, history: 0 });
    play(99);
    // Ten bought near the top, 179: the rewind to 100 marks them 790 lower, 8 % of the equity.
    expect(app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '10' }, USER).status).not.toBe('rejected');
    play(1);
    expect(app.trading.engine.portfolio.position('BTC/USDT', 'user')?.qty).toBe(10n * 10n ** 18n);
    const before = app.trading.risk.state();
    expect(before.kill.engaged).toBe(false);
    const drawdownBefore = (before.peakEquity! - before.equity) / before.peakEquity!;

    app.market.startReplay(SERIES, { speed: 1, history: 0 });
    app.replay.step(1);
    const after = app.trading.risk.state();
    expect(after.equity).toBeLessThan(before.equity - 700);
    expect(app.trading.risk.killEngaged).toBe(false);
    expect(app.of('risk.state').some((s) => s.kill.engaged)).toBe(false);
    // The day the risk room counts is the replayed one, and it starts at the equity the rewind left.
    expect(after.day).toBe('2024-01-01');
    expect(after.dayStartEquity).toBeCloseTo(after.equity, 6);
    expect((after.peakEquity! - after.equity) / after.peakEquity!).toBeCloseTo(drawdownBefore, 3);
    // Saved as such: a restart mid-replay goes on from the re-based figures.
    const saved = app.journal.db.prepare("SELECT value FROM settings WHERE key = 'risk.monitor'").get() as { value: string } | undefined;
    expect(saved && (JSON.parse(saved.value) as { dayStartEquity: number }).dayStartEquity).toBeCloseTo(after.dayStartEquity!, 6);
  });

  it('still counts a real loss after the rewind: the replayed fall from 100 to 90 pulls the daily loss limit', () => {
    app.market.startReplay(SERIES, { speed: 1, history: 0 });
    play(99);
    app.trading.engine.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '10' }, USER);
    play(1);
    app.market.startReplay(SERIES, { speed: 1, history: 0 });
    app.replay.step(1);
    expect(app.trading.risk.killEngaged).toBe(false);
    const start = equity();
    // Ten candles down: 10 × 10 lost, about 1.1 % of the day's start, over the 1 % limit.
    play(10);
    expect(start - equity()).toBeGreaterThan(90);
    expect(app.trading.risk.killEngaged).toBe(true);
    expect(app.trading.risk.killState).toMatchObject({ by: 'system', via: 'daily-loss' });
  });
});
