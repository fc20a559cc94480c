// The walk-forward view of the Optimization tab: the stitched out-of-sample equity cut back into its folds
// for the chart, the folds table's rows (dates, winner, scores, return) and the efficiency in words.
import { describe, expect, it } from 'vitest';
import { efficiencyText, endEquity, FOLD_MARK_PX, foldEquityTopMargin, foldLabelStep, foldMarks, foldMarksText, foldRows, foldSegments, labelsFold, returnText, splitWarnings, type WalkForward } from '../../../renderer/src/features/backtest/walk-forward-view.ts';

const H = 3_600_000;
const T0 = Date.UTC(2021, 0, 1);
// As the bridge sends a run's metrics: `from` the first bar's open, `to` the last bar's close.
const metrics = (totalReturnPct: number | null, span: { from: number; to: number }) => ({ totalReturnPct, sharpe: 1, from: span.from, to: span.to + H });
// Three folds of an hourly series: in sample 6 bars, out of sample 2 (the last fold takes the rest, 3).
const fold = (k: number, inSample: { from: number; to: number }, outOfSample: { from: number; to: number }): WalkForward['folds'][number] => ({
  inSample,
  outOfSample,
  params: { fast: 5 + k, slow: 30 },
  inSampleScore: k === 1 ? null : 1.5 - k,
  outOfSampleScore: k === 0 ? 0.75 : -0.25 * k,
  inSampleMetrics: metrics(10, inSample),
  outOfSampleMetrics: metrics(k === 2 ? null : -2.5 + k, outOfSample),
});
const FOLDS: WalkForward['folds'] = [0, 1, 2].map((k) => fold(k, { from: T0 + 2 * k * H, to: T0 + (2 * k + 5) * H }, { from: T0 + (2 * k + 6) * H, to: T0 + (2 * k + (k === 2 ? 8 : 7)) * H }));

describe('the walk-forward view', () => {
  it('cuts the stitched equity into one segment per fold, each from its first out-of-sample bar', () => {
    const equity: [number, number][] = [6, 7, 8, 9, 10, 11, 12].map((h, i) => [T0 + h * H, 10_000 + i]);
    expect(foldSegments(equity, FOLDS)).toEqual([
      { fold: 1, points: [[T0 + 6 * H, 10_000], [T0 + 7 * H, 10_001]] },
      { fold: 2, points: [[T0 + 8 * H, 10_002], [T0 + 9 * H, 10_003]] },
      { fold: 3, points: [[T0 + 10 * H, 10_004], [T0 + 11 * H, 10_005], [T0 + 12 * H, 10_006]] },
    ]);
    // A thinned curve that skipped a fold's bars gives that fold no segment (the others keep their numbers).
    expect(foldSegments(equity.filter(([t]) => t < T0 + 8 * H || t >= T0 + 10 * H), FOLDS).map((s) => s.fold)).toEqual([1, 3]);
    expect(foldSegments([], FOLDS)).toEqual([]);
  });

  it("gives the chart's key the stitched equity's last value (its label on the price axis hid a tick), none with no point", () => {
    const equity: [number, number][] = [6, 7, 8, 9, 10, 11, 12].map((h, i) => [T0 + h * H, 10_000 + i]);
    expect(endEquity(foldSegments(equity, FOLDS))).toBe(10_006);
    expect(endEquity([])).toBeNull();
  });

  it('lists each fold with its dates, winner, scores and out-of-sample return', () => {
    const rows = foldRows({ folds: FOLDS }, 'sharpe');
    expect(rows.map((r) => [r.fold, r.inSample, r.outOfSample, r.paramsText, r.isScore, r.oosScore, r.oosReturnPct])).toEqual([
      [1, '2021-01-01 to 2021-01-01', '2021-01-01 to 2021-01-01', 'fast=5 slow=30', 1.5, 0.75, -2.5],
      [2, '2021-01-01 to 2021-01-01', '2021-01-01 to 2021-01-01', 'fast=6 slow=30', null, -0.25, -1.5],
      [3, '2021-01-01 to 2021-01-01', '2021-01-01 to 2021-01-01', 'fast=7 slow=30', -0.5, -0.5, null],
    ]);
    // Days in the table; the hours in the row's tooltip.
    expect(rows[0]!.title).toBe('in sample 2021-01-01 00:00 to 2021-01-01 05:00, out of sample 2021-01-01 06:00 to 2021-01-01 07:00 (bar open times, UTC)');
    expect(rows[2]!.params).toEqual({ fast: 7, slow: 30 });
    // The last bar of each stretch opens at 23:00 and closes at 00:00 the next day, a day it does not cover.
    const long = foldRows({ folds: [fold(0, { from: Date.UTC(2021, 0, 1), to: Date.UTC(2021, 5, 30, 23) }, { from: Date.UTC(2021, 6, 1), to: Date.UTC(2021, 8, 30, 23) })] }, 'sharpe');
    expect([long[0]!.inSample, long[0]!.outOfSample]).toEqual(['2021-01-01 to 2021-06-30', '2021-07-01 to 2021-09-30']);
  });

  it('reads the efficiency and the return', () => {
    expect(efficiencyText({ efficiency: 0.4237, folds: FOLDS })).toBe('0.42');
    expect(efficiencyText({ efficiency: -2.27, folds: FOLDS })).toBe('-2.27');
    // In-sample scores 1.5, none and -0.5: a mean of 0.5, but no fold scored out of sample.
    expect(efficiencyText({ efficiency: null, folds: FOLDS.map((f) => ({ ...f, outOfSampleScore: null })) })).toBe('n/a: no fold has an out-of-sample score');
    expect(efficiencyText({ efficiency: null, folds: FOLDS.map((f) => ({ ...f, inSampleScore: -1 })) })).toBe('n/a: the mean in-sample score is not above 0');
    // Every fold's profit factor infinite in sample (all winners), none out of sample: the JSON's nulls read by
    // their metrics. Before, this said "no fold has an in-sample score" over a table of ∞.
    const won = FOLDS.map((f) => ({ ...f, inSampleScore: null, outOfSampleScore: null, inSampleMetrics: { ...f.inSampleMetrics, winRatePct: 100 }, outOfSampleMetrics: { ...f.outOfSampleMetrics, winRatePct: null } }));
    expect(efficiencyText({ efficiency: null, folds: won }, 'profit-factor')).toBe('n/a: every fold has an infinite score in or out of sample (no losing trade or day) or none, and no ratio holds an infinite one');
    expect(returnText(12.345)).toBe('12.35%');
    expect(returnText(1234.5)).toBe('1,234.50%');
    expect(returnText(-48.54)).toBe('-48.54%');
    expect(returnText(0)).toBe('0.00%');
  });

  it('names every fold on the chart while their marks fit, else every 2nd, 5th, 10th... so they do not print over each other', () => {
    // 100 folds on a chart about 1,000 pixels wide printed F1...F100 over one another.
    expect(foldLabelStep(3, 1000)).toBe(1);
    expect(foldLabelStep(22, 1000)).toBe(1);
    expect(foldLabelStep(23, 1000)).toBe(2);
    expect(foldLabelStep(100, 1000)).toBe(5);
    expect(foldLabelStep(100, 600)).toBe(10);
    expect(foldLabelStep(100, 0)).toBe(100);
    const named = Array.from({ length: 100 }, (_, k) => k + 1).filter((f) => labelsFold(f, 5));
    expect(named.slice(0, 4)).toEqual([1, 6, 11, 16]);
    expect(named).toHaveLength(20);
    expect(Array.from({ length: 3 }, (_, k) => k + 1).filter((f) => labelsFold(f, 1))).toEqual([1, 2, 3]);
    // The key says which marks are named.
    expect(foldMarksText(3, 1)).toBe("F1…F3 mark where each fold's out-of-sample bars start");
    expect(foldMarksText(100, 5)).toBe('F1, F6, F11… (every 5th of 100 folds) mark where their out-of-sample bars start; the colour changes at every fold');
    expect(foldMarksText(30, 2)).toContain('F1, F3, F5… (every 2nd of 30 folds)');
  });

  it('shows the first warnings and folds the rest away, so 50 fold warnings do not push the chart and the folds out of sight', () => {
    const warnings = Array.from({ length: 51 }, (_, k) => (k === 0 ? 'WARNING: the best in-sample result does not hold out of sample' : `fold ${k}: fell short`));
    const split = splitWarnings(warnings);
    expect(split.lead).toEqual(warnings.slice(0, 3));
    expect(split.more).toHaveLength(48);
    expect([...split.lead, ...split.more]).toEqual(warnings);
    // Four or fewer are all shown: folding one away would hide as much as it shows.
    expect(splitWarnings(warnings.slice(0, 4))).toEqual({ lead: warnings.slice(0, 4), more: [] });
    expect(splitWarnings([])).toEqual({ lead: [], more: [] });
  });
});

describe("the walk-forward chart's fold marks", () => {
  const DAY = 86_400_000;
  const segments = [1, 2, 3, 4, 5].map((fold) => ({ fold, points: [[fold * 10 * DAY, 10_000], [(fold * 10 + 5) * DAY, 11_000]] as [number, number][] }));

  it("sit in a band along the chart's top edge, on each named fold's first bar, not on the equity line", () => {
    const H = 240;
    const marks = foldMarks(segments, 2, H);
    expect(marks.map((m) => [m.text, m.time, m.segment])).toEqual([['F1', 10 * 86_400, 0], ['F3', 30 * 86_400, 2], ['F5', 50 * 86_400, 4]]);
    // On the marks' own 0-to-1 scale: the arrow's tip FOLD_MARK_PX under the top, its text above it, whatever
    // the equity is (a mark once sat on the curve at its fold's first value and hid it).
    for (const m of marks) expect((1 - m.price) * H).toBeCloseTo(FOLD_MARK_PX, 9);
    // The equity's scale keeps that band and a gap above its highest point: the curve never reaches a mark.
    expect(foldEquityTopMargin(H) * H).toBeGreaterThan(FOLD_MARK_PX);
    expect(foldEquityTopMargin(H)).toBeLessThan(0.25);
  });

  it('keep their band on a short chart, never more than half of it', () => {
    expect(foldMarks(segments, 1, 20).every((m) => m.price >= 0.5)).toBe(true);
    expect(foldEquityTopMargin(40)).toBe(0.5);
  });
});
