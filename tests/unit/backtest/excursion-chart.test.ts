// The report's "Run-up and drawdown of each trade" (electron/backtest/excursion-chart.ts) on hand-made
// trades: a dot per closed trade in its exit's colour, placed where its drawdown and return put it, a
// legend counting each exit, the figures under it, the same bytes every time, a cap on the dots drawn; and
// the trade list's run-up and drawdown cells.
import { describe, expect, it } from 'vitest';
import { DRAWN_EXITS, excursionCell, excursionSection, MAX_DOTS } from '../../../electron/backtest/excursion-chart.ts';
import { EXIT_COLORS } from '../../../shared/backtest/palette.ts';
import type { Trade } from '../../../electron/backtest/trades.ts';
import type { ExitReason } from '../../../shared/backtest/run-exits.ts';

const T0 = Date.UTC(2024, 0, 1);

function trade(exit: ExitReason, returnPct: number, drawdownPct: number, runUpPct: number): Trade {
  const pnl = returnPct * 10;
  return { side: 'long', entryTs: T0, exitTs: T0 + 3_600_000, entryPrice: 100, exitPrice: 100 + returnPct, qty: 10, fees: 0, pnl, returnPct, closed: exit !== 'open', exit, runUpPct, drawdownPct, runUp: runUpPct * 10, drawdown: drawdownPct * 10 };
}

// Drawdowns from -4 to 0 and returns from -3 to 5: the chart's ranges, so each dot's place can be worked out.
const TRADES = [
  trade('signal', 1, -2, 1.5), // #1
  trade('stop-loss', -3, -4, 0.5), // #2
  trade('take-profit', 5, 0, 5), // #3
  trade('signal', -1, -1, 0.25), // #4
  trade('open', 9, -9, 9), // #5: still open, not a dot
];

/** The dots of one exit's group: [cx, cy, hover text]. */
function dotsOf(html: string, exit: string): [number, number, string][] {
  const g = html.match(new RegExp(`<g data-group="${exit}" fill="([^"]+)"[^>]*>(.*?)</g>`));
  if (!g) return [];
  return [...g[2]!.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+"><title>([^<]*)<\/title><\/circle>/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]!]);
}

const colorOf = (html: string, exit: string) => html.match(new RegExp(`<g data-group="${exit}" fill="([^"]+)"`))?.[1];

describe('the run-up and drawdown chart', () => {
  const html = excursionSection(TRADES);

  it('draws one dot per closed trade, in its exit’s colour, where its drawdown and return put it', () => {
    expect(html.match(/<circle /g)).toHaveLength(4);
    for (const exit of DRAWN_EXITS) if (exit !== 'trailing-stop') expect(colorOf(html, exit)).toBe(EXIT_COLORS[exit]);
    expect(html).not.toContain('data-group="trailing-stop"');
    // The plot runs from x 80 to 948 and from y 10 to 282, over the dots' ranges padded by 6 % of their span
    // as the app's plot pads them (fitAxis), so no dot sits cut in half on an edge: drawdown -4.24 to 0.24
    // (past 0 too: the trades that never went against them sit there), return 5.48 to -3.48. 868 px over
    // 4.48 % across, 272 over 8.96 down.
    const px = (d: number) => Number((80 + ((d + 4.24) / 4.48) * 868).toFixed(1));
    const py = (r: number) => Number((10 + ((5.48 - r) / 8.96) * 272).toFixed(1));
    expect(dotsOf(html, 'signal')).toEqual([
      [px(-2), py(1), '#1 signal: return 1.00%, drawdown -2.00%, run-up 1.50%'],
      [px(-1), py(-1), '#4 signal: return -1.00%, drawdown -1.00%, run-up 0.25%'],
    ]);
    expect(dotsOf(html, 'stop-loss')).toEqual([[px(-4), py(-3), '#2 stop-loss: return -3.00%, drawdown -4.00%, run-up 0.50%']]);
    expect(dotsOf(html, 'take-profit')).toEqual([[px(0), py(5), '#3 take-profit: return 5.00%, drawdown 0.00%, run-up 5.00%']]);
    // Inside the frame: the deepest, the best and the trade that never went against it (drawdown 0, which
    // sat half cut on the right edge) are no longer drawn on its edges; a dot's 2.5 px radius fits.
    expect([px(-4), py(5), px(0)]).toEqual([126.5, 24.6, 901.5]);
    expect(948 - px(0)).toBeGreaterThan(2.5 * 2);
  });

  it('has a legend counting each exit, axis titles, zero lines, and the figures under it', () => {
    expect(html).toContain(`<span data-exit="signal"><i class="dot" style="background:${EXIT_COLORS.signal}"></i>signal (2)</span><span data-exit="stop-loss"><i class="dot" style="background:${EXIT_COLORS['stop-loss']}"></i>stop-loss (1)</span><span data-exit="take-profit"><i class="dot" style="background:${EXIT_COLORS['take-profit']}"></i>take-profit (1)</span>`);
    expect(html).toContain('>drawdown while open, % of the entry price</text>');
    expect(html).toContain('>return, %</text>');
    // Break-even across (return 0: y = 10 + 5.48 / 8.96 × 272) and drawdown 0 up, just inside the right edge.
    expect(html).toContain('<line x1="80" x2="948" y1="176.4" y2="176.4" class="zero"/>');
    expect(html).toContain('<line x1="901.5" x2="901.5" y1="10" y2="282" class="zero"/>');
    // Winners #1, #3: drawdowns -2 and 0; losers #2, #4: drawdowns -4 and -1, run-ups 0.5 and 0.25.
    expect(html).toContain("Winners' mean drawdown -1.00% (2 trades) · losers' mean drawdown -2.50% (2) · losers' median run-up 0.38%, the profit they gave back");
  });

  it('says one trade in the singular, and names a side with no trade instead of a dash and a 0', () => {
    // A short run's one winner read "Winners' mean drawdown -0.63% (1 trades) · losers' mean drawdown – (0) · losers' median run-up –".
    const oneWinner = excursionSection([trade('signal', 2, -0.5, 3)]);
    expect(oneWinner).toContain('<p class="sub excursions">Winners\' mean drawdown -0.50% (1 trade) · no losing trade</p>');
    const oneLoser = excursionSection([trade('stop-loss', -2, -2, 0.4)]);
    expect(oneLoser).toContain('<p class="sub excursions">No winning trade · losers\' mean drawdown -2.00% (1 trade) · losers\' median run-up 0.40%, the profit they gave back</p>');
    for (const html of [oneWinner, oneLoser]) expect(html).not.toMatch(/\(1 trades\)|– \(0\)/);
  });

  it('keeps the drawdown axis labels whole inside the chart, 0.00% at its right edge too', () => {
    // Drawdowns from -1% to -0.1%: ticked every 0.25 (-1.00% … 0.00%), the last one at or near the chart's right
    // edge, where a label centred on it ran half past the 960-wide box.
    const svg = excursionSection([trade('signal', 1, -1, 1), trade('stop-loss', -1, -0.1, 0.2)]);
    const row = /<text x="[\d.]+" y="(\d+)" text-anchor="[a-z]+">0\.00%<\/text>/.exec(svg)![1];
    const ticks = [...svg.matchAll(new RegExp(`<text x="([\\d.]+)" y="${row}" text-anchor="([a-z]+)">([^<]+)</text>`, 'g'))];
    expect(ticks.map((m) => m[3])).toEqual(['-1.00%', '-0.75%', '-0.50%', '-0.25%', '0.00%']);
    for (const [, x, anchor, text] of ticks) {
      // The labels' 10px font: about 6px a character (as the chart makes room for its value labels).
      const w = text!.length * 6;
      const left = Number(x) - (anchor === 'start' ? 0 : anchor === 'end' ? w : w / 2);
      expect({ text, left, right: left + w }).toEqual({ text, left: expect.toSatisfy((v: number) => v >= 0), right: expect.toSatisfy((v: number) => v <= 960) });
    }
  });

  it("names a trailing stop's dots in words in the legend and their tooltips, the group by its id", () => {
    const html = excursionSection([trade('trailing-stop', 0.5, -1, 2)]);
    expect(html).toContain('</i>trailing stop (1)</span>');
    expect(dotsOf(html, 'trailing-stop').map((d) => d[2])).toEqual(['#1 trailing stop: return 0.50%, drawdown -1.00%, run-up 2.00%']);
  });

  it('is the same text every time', () => {
    expect(excursionSection(TRADES.map((t) => ({ ...t })))).toBe(html);
  });

  it('says so when there is no closed trade', () => {
    expect(excursionSection([TRADES[4]!])).toContain('No closed trade to place.');
    expect(excursionSection([])).not.toContain('<svg');
  });

  it(`draws at most ${MAX_DOTS} dots, spread over the run, and says how many of how many`, () => {
    const many = Array.from({ length: 10_001 }, (_, i) => trade(i % 2 ? 'signal' : 'stop-loss', (i % 7) - 3, -(i % 5), i % 3));
    const big = excursionSection(many);
    expect(big.match(/<circle /g)).toHaveLength(MAX_DOTS);
    expect(big).toContain(`${MAX_DOTS.toLocaleString('en-US')} of 10,001 closed trades drawn, evenly spread over the run; the figures count them all.`);
    // Evenly spread: every 2.5th trade, from the first to one near the end.
    const last = Math.floor(((MAX_DOTS - 1) * many.length) / MAX_DOTS);
    expect(last).toBe(9998);
    expect(big).toContain('<title>#1 stop-loss: ');
    expect(big).toContain('<title>#9999 stop-loss: ');
    expect(big).not.toContain('<title>#10001 ');
    // The figures are over every trade, not only those drawn.
    const winners = many.filter((t) => t.pnl > 0).length;
    expect(winners).toBeGreaterThan(MAX_DOTS);
    expect(big).toContain(`(${winners.toLocaleString('en-US')} trades)`);
  });
});

describe('the trade list’s run-up and drawdown cells', () => {
  it('show the percent, with the money at the trade’s size as hover text', () => {
    expect(excursionCell(2.5, 25, 'USDT')).toEqual({ text: '2.50%', title: "25.00 USDT at the trade's size" });
    expect(excursionCell(-1.25, -1234.5, '')).toEqual({ text: '-1.25%', title: "-1,234.50 at the trade's size" });
    expect(excursionCell(undefined, undefined, 'USDT')).toBe('–');
  });
});
