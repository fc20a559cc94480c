// The custom risk mode from the app: the request carries its position % (keel backtest --position-pct), checked
// as the CLI checks it, and the run is set up with the share the CLI gives the same percent; a position % on
// another mode is refused, as the CLI refuses --position-pct without --mode custom.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequest } from '../../../electron/backtest/check-request.ts';
import { modeText, withCustomShare } from '../../../electron/backtest/mode-text.ts';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';
import { runLabel } from '../../../electron/backtest/summary-table.ts';
import { runInputs } from '../../../electron/backtest/run-inputs.ts';
import { CandleStore } from '../../../electron/journal/candle-store.ts';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { BacktestRequestSchema, OptimizeRequestSchema, POSITION_PCT_VALID } from '../../../shared/contract/commands/backtest.ts';
import { synthetic } from './synthetic.ts';

const series = { exchange: 'local', symbol: 'TST/USDT', timeframe: '1h' } as const;
let dir: string;
let file: string;
let journal: Journal;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-custom-pct-'));
  file = path.join(dir, 'journal.sqlite');
  journal = openJournal(file);
  const c = synthetic(Array.from({ length: 200 }, (_, i) => 100 + 5 * Math.sin(i / 9)));
  new CandleStore(journal.db).upsert(series, Array.from(c.t, (t, i) => ({ t, o: c.o[i]!, h: c.h[i]!, l: c.l[i]!, c: c.c[i]!, v: null })));
});

afterAll(() => {
  journal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the custom mode\'s position % in an app backtest', () => {
  it('is carried by backtest.run and backtest.optimize, above 0 and at most 100, in the CLI\'s words', () => {
    expect(BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'custom', positionPct: 40 }).positionPct).toBe(40);
    expect(OptimizeRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'custom', positionPct: 100, ranges: 'fast=5:10:5' }).positionPct).toBe(100);
    for (const bad of [0, -5, 100.5, 'forty']) {
      const parsed = BacktestRequestSchema.safeParse({ strategy: 'sma-cross', series, mode: 'custom', positionPct: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(`the custom mode's share of equity per entry, ${POSITION_PCT_VALID}`);
    }
  });

  it('sets the run up with the share keel backtest --position-pct gives it', () => {
    const request = BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'custom', positionPct: 40 });
    const { setup } = runInputs(file, request);
    expect(setup.risk).toEqual({ ...riskModeSettings('custom', 40 / 100), rearmAfterDays: null });
    expect(setup.risk.positionShare).toBe(0.4);
    // Not moderate's: the share was the one thing the custom mode had to set.
    expect(setup.risk.positionShare).not.toBe(runInputs(file, BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'moderate' })).setup.risk.positionShare);
  });

  it('is refused on a preset mode, saying to choose custom', () => {
    const store = new CandleStore(journal.db);
    expect(() => checkRequest(store, BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'moderate', positionPct: 40 }))).toThrow("positionPct sets the custom mode's share of equity per entry; this run's mode is moderate: choose the custom mode, or send no positionPct");
    expect(checkRequest(store, BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'custom', positionPct: 40 }))).toEqual({ fast: 10, slow: 30 });
  });

  it('without a position %, runs at the share keel backtest --mode custom gives, and the request and the labels say it', () => {
    const bare = BacktestRequestSchema.parse({ strategy: 'sma-cross', series, mode: 'custom' });
    // The account defaults' share (riskPerTradePct 2 over the 2% stop an entry without one counts at), as the CLI's.
    const { setup } = runInputs(file, bare);
    expect(setup.risk.positionShare).toBe(riskModeSettings('custom').positionShare);
    expect(setup.risk.positionShare).toBe(1);
    // The app's checked request carries it, so the runs table names the run "custom 100%", not a bare "custom".
    const filled = withCustomShare(bare);
    expect(filled.positionPct).toBe(100);
    expect(runInputs(file, filled).setup.risk).toEqual(setup.risk);
    expect(withCustomShare({ ...bare, positionPct: 40 }).positionPct).toBe(40);
    expect(withCustomShare({ ...bare, mode: 'moderate' as const }).positionPct).toBeUndefined();
    // keel backtest's column headings and reports name the share the run took.
    expect(modeText({ mode: 'custom', positionShare: setup.risk.positionShare })).toBe('custom 100%');
    expect(runLabel({ strategy: 'sma-cross', params: { fast: 10 }, mode: 'custom', positionShare: 0.333 })).toBe('sma-cross(fast=10) custom 33.3%');
    expect(runLabel({ strategy: 'sma-cross', params: {}, mode: 'moderate', positionShare: 1 })).toBe('sma-cross moderate');
  });
});
