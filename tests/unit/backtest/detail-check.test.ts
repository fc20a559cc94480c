// What a run's notes say of its lower-timeframe detail: nothing when the minutes are the hours' own (built
// from the same trades), how many hours they covered when they cover only some, the hours with gaps, and
// the hours they disagree with when they are another market's prices; and the engine's run carries them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDetail, detailNotes } from '../../../electron/backtest/detail-check.ts';
import { detailRange } from '../../../electron/backtest/load-candles.ts';
import { runInputs } from '../../../electron/backtest/run-inputs.ts';
import { BacktestRequestSchema } from '../../../shared/contract/commands/backtest.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal } from '../../../electron/journal/open-journal.ts';
import { NO_STOPS, riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runBacktest } from '../../../electron/backtest/run-backtest.ts';
import { columnsBetween, type CandleColumns } from '../../../electron/journal/candle-columns.ts';
import { resample } from '../../../electron/market/candles/resample.ts';
import { strategyWithParams } from '../../../electron/strategies/registry.ts';
import { synthetic } from './synthetic.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Eight hours of minutes wandering up and down, and the hours made of them. */
const minutes = synthetic(Array.from({ length: 8 * 60 }, (_, i) => 100 + 3 * Math.sin(i / 17) + (i % 7) * 0.1));
const hours = resample(minutes, '1m', '1h');

const notesOf = (detail: CandleColumns) => detailNotes(checkDetail(hours, HOUR, detail, MINUTE), HOUR, MINUTE);

/** The minutes with every price times `k`: the same moves, another market's price. */
function scaled(c: CandleColumns, k: number): CandleColumns {
  const out = columnsBetween(c, 0, c.length);
  const copy = (a: Float64Array) => Float64Array.from(a, (x) => x * k);
  return { ...out, o: copy(c.o), h: copy(c.h), l: copy(c.l), c: copy(c.c) };
}

/** The minutes without minute `k`. */
function without(c: CandleColumns, k: number): CandleColumns {
  const keep = (a: Float64Array) => Float64Array.from([...a.subarray(0, k), ...a.subarray(k + 1)]);
  return { t: keep(c.t), o: keep(c.o), h: keep(c.h), l: keep(c.l), c: keep(c.c), v: keep(c.v), length: c.length - 1 };
}

describe('a run\'s lower-timeframe detail, checked against its bars', () => {
  it('says nothing when the minutes are the hours\' own, every hour covered', () => {
    const c = checkDetail(hours, HOUR, minutes, MINUTE);
    expect(c).toMatchObject({ bars: 8, covered: 8, partial: 0, disagree: 0 });
    expect(notesOf(minutes)).toEqual([]);
  });

  it('counts the hours covered when the minutes cover only some, with their span', () => {
    const firstTwo = columnsBetween(minutes, 0, 120);
    expect(notesOf(firstTwo)).toEqual([
      'the 1m detail covered 2 of the 8 1h bars (25%, from 2024-01-01T00:00Z to 2024-01-01T02:00Z): fills inside those bars followed the 1m bars, and the other bars filled along their own open-high-low-close path',
    ]);
  });

  it('names the hours whose minutes have gaps', () => {
    const c = checkDetail(hours, HOUR, without(minutes, 90), MINUTE);
    expect(c).toMatchObject({ covered: 8, partial: 1, disagree: 0 });
    expect(notesOf(without(minutes, 90))).toEqual(['1 of the 1h bars the detail covered has gaps in its 1m bars: fills inside it followed the 1m bars there are']);
  });

  it('says the minutes are another market when their prices are 1 % away, naming the gap and the first hour', () => {
    const c = checkDetail(hours, HOUR, scaled(minutes, 1.01), MINUTE);
    expect(c.disagree).toBe(8);
    // 1 % of the close at the close; at the high, 1 % of a high a little above the close.
    expect(c.worstPct).toBeGreaterThan(1);
    expect(c.worstPct).toBeLessThan(1.1);
    const [note] = notesOf(scaled(minutes, 1.01));
    expect(note).toMatch(/^the 1m detail disagrees with 8 of the 1h bars it covers \(closes, highs or lows up to 1\.0\d% apart, the first the bar closed at 2024-01-01T01:00Z\): is it the same market/);
  });

  it('says so when the detail has no bar inside the run', () => {
    const later = synthetic([100, 101], { t0: hours.t[7]! + 2 * HOUR });
    expect(notesOf(later)).toEqual(["the 1m detail holds no bars inside the run's 1h bars: every bar filled along its own open-high-low-close path, as without detail"]);
  });

  it('the engine\'s run carries the notes, first among them, and none for the hours\' own minutes', () => {
    const { def, params } = strategyWithParams('sma-cross', { fast: 2, slow: 3 });
    const run = (detail: CandleColumns) => runBacktest({ def, params, symbol: 'TST/USDT', candles: hours, barMs: HOUR, detail: { candles: detail, barMs: MINUTE }, risk: riskModeSettings('aggressive', undefined, NO_STOPS), capital: 1000, feePct: 0.1, slippageBps: 0 });
    expect(run(minutes).notes.filter((n) => n.includes('detail'))).toEqual([]);
    expect(run(scaled(minutes, 1.01)).notes[0]).toMatch(/^the 1m detail disagrees with 8 of the 1h bars/);
  });

  it('a range ending inside a bar keeps that bar whole, and its minutes to its close (the app\'s `to` is a bar\'s open)', () => {
    // --to 02:00 (a date-time, or the app's last bar's open) keeps the 02:00 hour: its minutes run to 03:00.
    expect(detailRange({ from: hours.t[0]!, toExclusive: hours.t[2]! + 1 }, columnsBetween(hours, 0, 3), HOUR)).toEqual({ from: hours.t[0]!, toExclusive: hours.t[3]! });
    const dir = mkdtempSync(path.join(tmpdir(), 'keel-detail-range-'));
    try {
      const file = path.join(dir, 'journal.sqlite');
      const journal = openJournal(file);
      const store = new CandleStore(journal.db);
      const rows = (c: CandleColumns) => Array.from(c.t, (t, i) => ({ t, o: c.o[i]!, h: c.h[i]!, l: c.l[i]!, c: c.c[i]!, v: null }));
      store.upsert({ exchange: 'local', symbol: 'TST/USDT', timeframe: '1h' }, rows(hours));
      store.upsert({ exchange: 'local', symbol: 'TST/USDT', timeframe: '1m' }, rows(minutes));
      journal.close();
      const request = BacktestRequestSchema.parse({ strategy: 'sma-cross', series: { exchange: 'local', symbol: 'TST/USDT', timeframe: '1h' }, to: hours.t[2]!, detail: '1m' });
      const { candles, detail } = runInputs(file, request);
      expect(candles.length).toBe(3);
      // Cut at `to`, the last hour had one minute of 60, and the notes blamed a gap the data does not have.
      expect(detail!.candles.length).toBe(3 * 60);
      expect(notesOf(detail!.candles).filter((n) => n.includes('gaps'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
