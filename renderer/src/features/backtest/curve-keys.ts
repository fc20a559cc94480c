// Which line on the equity and drawdown charts is which run: a key above them, one entry per run drawn, in
// its line's colour and stroke (solid, dashed, dotted: up to RUN_LINES runs, each one of its own), with its
// name and its market. The lines carry no title of their own: lightweight-charts prints a series' title
// beside its value on the price axis, where six long names stacked over the right third of the curves, and
// two runs alike but for their market or timeframe (sma-cross · moderate on BTC 1m and on BTC 4h) read the
// same there. When every run drawn is on one market, the key says it once, ahead
// of the runs (sharedMarket): a dozen runs compared on BTC/USDT 1h took twice the lines with it on each.
import type { RunResult } from './backtest-store.ts';
import { RUN_LINES, runColor, runStroke, runSwatch, type RunStroke } from '../../../../shared/backtest/palette.ts';
import { runLabel } from './run-form.ts';
import { marketsLabel } from './run-markets.ts';

export interface CurveKey {
  runId: string;
  color: string;
  /** Solid for runs 1–6, dashed for 7–12, dotted for 13–18: a colour's second and third use (palette.ts runStroke). */
  stroke: RunStroke;
  /** The key's swatch as a CSS background: the colour, broken as the line is (the report's legend's). */
  swatch: string;
  /** "sma-cross fast=10 slow=30 · moderate" */
  label: string;
  /** "BTC/USDT 1m", "BTC/USDT + ETH/USDT 1h" */
  market: string;
}

/** The ticked runs that have a result, each in the colour and stroke of its place among the ticked (as they are drawn). */
export function curveKeys(shown: readonly string[], results: Readonly<Record<string, RunResult>>): CurveKey[] {
  return shown.flatMap((runId, i) => {
    const r = results[runId];
    return r ? [{ runId, color: runColor(i), stroke: runStroke(i), swatch: runSwatch(i), label: runLabel(r), market: marketsLabel(r.request) }] : [];
  });
}

/** The market every key is on, when there are several keys and all are on one; else null (each key says its own). */
export function sharedMarket(keys: readonly Pick<CurveKey, 'market'>[]): string | null {
  const first = keys[0]?.market;
  return keys.length > 1 && first !== undefined && keys.every((k) => k.market === first) ? first : null;
}

/**
 * The most runs drawn at once: each in a colour and stroke no other has (palette.ts RUN_LINES, 6 colours ×
 * solid, dashed, dotted). Every kept run could be ticked (the journal keeps 50), and from the 19th on one
 * would be drawn as another already is.
 */
export const MAX_DRAWN = RUN_LINES;

/** The runs drawn once `runId`'s tick is flipped: taken off, or added last while fewer than MAX_DRAWN are drawn (else as they were). */
export function toggledShown(shown: readonly string[], runId: string): string[] {
  if (shown.includes(runId)) return shown.filter((x) => x !== runId);
  return shown.length < MAX_DRAWN ? [...shown, runId] : [...shown];
}

/**
 * The words over the runs table once MAX_DRAWN runs are drawn and a finished run is left out by it (`done`:
 * the finished runs, each one tickable); null otherwise. The greyed box's own tooltip is reached only by a
 * pointer held over it, and a disabled box takes no keyboard focus.
 */
export function drawLimitNote(drawn: number, done: number): string | null {
  if (drawn < MAX_DRAWN || done <= drawn) return null;
  return `${MAX_DRAWN} runs drawn, the most at once (each in a colour and stroke of its own): untick one to draw another`;
}
