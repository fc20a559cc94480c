// `keel backtest` as a user runs it (node bin/keel.js in a child process): a run over a candle file and
// over a stored series, the JSON and HTML reports, a comparison, an optimization, and every kind of bad
// input: a clear message naming what is wrong and what is valid, a non-zero exit, and no report written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICE_LINE_COLOR } from '../../shared/backtest/palette.ts';
import { lineColor } from '../../shared/domain/line-palette.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const DATA = path.resolve(repoRoot, '..', 'shared', 'data');
const H1 = path.join(DATA, 'binance_futures_markprice_BTCUSDT_1h_20191223_20240109.csv');
const M1 = path.join(DATA, 'binanceus_BTCUSDT_1m_20230301_20230321.csv');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-backtest-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function keel(args: string[]) {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dataDir = () => path.join(dir, 'data');

/** The file's rows from `from` to before `to`, each opening `gap` above the close before it (its high raised to that open when below). */
function gappedHours(file: string, from: number, to: number, gap: number): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const out = [lines[0]!];
  let close = Number.NaN;
  for (const line of lines.slice(1)) {
    const [t, o, h, l, c] = line.split(',').map(Number) as [number, number, number, number, number];
    if (t >= from && t < to) {
      const open = close === close ? close * (1 + gap) : o;
      out.push([t, open, Math.max(h, open), Math.min(l, open), c].join(','));
    }
    close = c;
  }
  return `${out.join('\n')}\n`;
}

interface Report {
  metrics: Record<string, number | null>;
  fills: { ts: number; side: string; price: number; qty: number; fee: number }[];
  equity: [number, number][];
}

describe('keel backtest', () => {
  it("reads a file's market from its name past a prefix: nautilus_btc-perp-… trades BTC/USDT, not NAUTILUS/BTC", () => {
    // A prefix before a quote asset once made this NAUTILUS/BTC, a BTC-quoted market the USDT account
    // cannot buy: every order refused, no trade. A perpetual's coin trades against the dollar.
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', path.join(DATA, 'nautilus_btc-perp-20211231-20220201_1m.csv'), '--json', 'perp.json']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('45,031 1m candles of BTC/USDT (read from the file name; --symbol sets it)');
    const json = JSON.parse(readFileSync(path.join(dir, 'perp.json'), 'utf8')) as Report & { symbol: string; notes: string[] };
    expect(json.symbol).toBe('BTC/USDT');
    expect(json.metrics.trades).toBeGreaterThan(20);
    expect(json.notes.join('\n')).not.toMatch(/quoted in/);
  });

  it('piped into head, stops printing without a stack trace and still writes its reports', () => {
    // `| head -1` closes the pipe after the first line; the rest of the summary has no reader. Keel ended
    // with an unhandled EPIPE's stack trace (exit 1) and no --json.
    const env = { ...process.env };
    delete env.KEEL_DATA_DIR;
    const line = ['backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2022-01-01', '--to', '2022-06-30', '--json', 'piped.json'];
    const r = spawnSync('bash', ['-c', '"$0" "$@" | head -1; exit "${PIPESTATUS[0]}"', process.execPath, KEEL, ...line], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'piped.json'), 'utf8')).metrics.trades).toBeGreaterThan(0);
  });

  it('runs a strategy over a candle file and writes the JSON and HTML reports', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', H1, '--from', '2022-01-01', '--to', '2022-12-31', '--mode', 'aggressive', '--capital', '5000', '--fee', '0.1', '--json', 'r.json', '--html', 'r.html', '--trades-csv', 'r.csv']);
    // The slow SMA's 29-bar warm-up and the bar before it come from the last bars of 2021, so the strategy can
    // act from 1 January, a cross on its first bar included.
    // No --symbol: the market comes from the file's name, and the line says so.
    expect(r.err).toContain("8,760 1h candles of BTC/USDT (read from the file name; --symbol sets it) from");
    expect(r.err).toContain("(and 30 before them for the indicators' warm-up)");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sma-cross\(fast=10,slow=30\) aggressive/);
    for (const label of ['total return', 'CAGR', 'Sharpe', 'Sortino', 'Calmar', 'max drawdown', 'max drawdown duration', 'win rate', 'profit factor', 'expectancy', 'avg reward-to-risk', 'exposure', 'trades', 'fees paid', 'buy and hold']) expect(r.out).toContain(label);
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as Report;
    expect(json.fills.length).toBeGreaterThan(20);
    const f = json.fills[0]!;
    expect(Object.keys(f).sort()).toEqual(['fee', 'price', 'qty', 'side', 'ts']);
    expect(['buy', 'sell']).toContain(f.side);
    expect(typeof f.price).toBe('number');
    expect(f.ts).toBeGreaterThanOrEqual(Date.UTC(2022, 0, 1));
    expect(json.equity.length).toBe(8760);
    expect(json.equity[0]![0]).toBe(Date.UTC(2022, 0, 1));
    expect(json.metrics.startEquity).toBe(5000);
    expect(json.metrics.finalEquity).toBeCloseTo(json.equity[json.equity.length - 1]![1], 6);
    expect(json.metrics.fills).toBe(json.fills.length);
    expect((json as Report & { leadIn: number }).leadIn).toBe(30);
    // The trades' CSV: a row per round trip of the JSON, in its order, with its times, prices and P&L.
    const trades = (json as Report & { trades: { entryTs: number; exitTs: number; entryPrice: number; pnl: number; exit: string }[] }).trades;
    const csv = readFileSync(path.join(dir, 'r.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('run,symbol,trade,side,entry_time,entry_ms,entry_price,exit_time,exit_ms,exit_price,qty,fees,interest,pnl,return_pct,exit,entry_tag,exit_tag,run_up_pct,drawdown_pct,run_up,drawdown');
    expect(csv).toHaveLength(trades.length + 1);
    const cells = csv.slice(1).map((l) => l.split(','));
    // The label has a comma inside its quotes, so the run takes two cells here.
    expect(cells.map((c) => [Number(c[6]), Number(c[7]), Number(c[14])])).toEqual(trades.map((t) => [t.entryTs, t.entryPrice, t.pnl]));
    expect(cells.map((c) => c[16])).toEqual(trades.map((t) => t.exit));
    expect(r.err).toContain('backtest: wrote');
    const html = readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(html).toContain('8,760 bars (the indicators read the 30 bars before the range first)');
    // One self-contained file: no scripts, stylesheets or images fetched from anywhere.
    expect(html).not.toMatch(/<script[^>]*src=|<link[^>]*href=|<img|https?:\/\//);
    for (const part of ['Equity', 'Drawdown', 'Price and trades', 'Monthly returns', 'Trades (']) expect(html).toContain(part);
    // Equity, drawdown, price, and each trade's run-up against its drawdown.
    expect((html.match(/<svg/g) ?? []).length).toBe(4);
    expect(html).toContain('class="buy"');
    // Aggressive mode's 20 % drawdown limit stops this year in January: the kill switch stays engaged to
    // the end, which the report's JSON lists and its equity and drawdown charts shade.
    const halts = (json as Report & { halts: { from: number; to: number | null; reason: string }[] }).halts;
    // Pulled where the drawdown first reached the limit, a bar's low inside it as the risk room hears it
    // (two thirds in): a low can overshoot the limit by more than a close does (21% here).
    expect(halts).toEqual([{ from: expect.any(Number), to: null, reason: expect.stringMatching(/^a drawdown of 2\d(\.\d)?% from the equity peak reached the 20% limit$/) }]);
    expect(halts[0]!.from).toBeLessThan(Date.UTC(2022, 1, 1));
    expect((html.match(/class="halt"/g) ?? []).length).toBe(2);
    expect(html).toContain('kill switch engaged (no new entries)');
    // The worst drawdowns: the deepest is the max drawdown; the January one never recovered (the switch stayed engaged).
    const drawdowns = (json as Report & { drawdowns: { peakTs: number; troughTs: number; recoveredTs: number | null; depthPct: number; days: number }[] }).drawdowns;
    expect(drawdowns.length).toBeGreaterThan(0);
    expect(drawdowns[0]!.depthPct).toBe(json.metrics.maxDrawdownPct);
    expect(drawdowns.map((d) => d.depthPct)).toEqual([...drawdowns.map((d) => d.depthPct)].sort((a, b) => b - a));
    expect(drawdowns.filter((d) => d.recoveredTs === null).map((d) => d.peakTs < Date.UTC(2022, 1, 1))).toEqual([true]);
    const table = /<h2>Worst drawdowns<\/h2>\s*<table class="drawdowns">.*?<\/table>/s.exec(html)![0];
    expect((table.match(/<tr>/g) ?? []).length).toBe(drawdowns.length + 1);
    expect(table).toContain(`<td>${new Date(drawdowns[0]!.peakTs).toISOString().slice(0, 16).replace('T', ' ')}</td>`);
    expect(table).toContain(`<td>${drawdowns[0]!.depthPct.toFixed(2)}%</td>`);
    // Printed under the summary too, one line each, the deepest first.
    const printed = r.out.slice(r.out.indexOf('Worst drawdowns')).split('\n').slice(2, 2 + drawdowns.length);
    expect(printed.map((l) => l.trim().split(/\s{2,}/)[4])).toEqual(drawdowns.map((d) => `${d.depthPct.toFixed(2)}%`));
    // The strategy's two averages are drawn over the price, named above it in their lines' colours.
    const priceSection = html.slice(html.indexOf('<h2>Price and trades</h2>'), html.indexOf('<h2>Monthly returns</h2>'));
    // The price line named first, in its own grey: the legend named every line on the chart but it.
    expect([...priceSection.matchAll(/<span data-(indicator="[^"]+"|price-line)><i style="background:(#[0-9a-f]{6})"><\/i>([^<]+)/g)].map((m) => [m[3], m[2]])).toEqual([
      ['price', PRICE_LINE_COLOR],
      ['SMA 10', lineColor(0)],
      ['SMA 30', lineColor(1)],
    ]);
    // Hours-long trades and drawdowns lose no unit to a zero: "9h", "1d", not "9h 0m", "1d 0h".
    expect(html).toMatch(/<td>\d+[dh]<\/td>/);
    expect(html).not.toMatch(/<td>\d+[dh] 0[hm]<\/td>/);
    expect([...priceSection.matchAll(/data-indicator="([^"]+)"><i style="background:(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]])).toEqual([
      ['SMA 10', lineColor(0)],
      ['SMA 30', lineColor(1)],
    ]);
    // Dashed in faded grey, the closes of the bars before the range the averages read first (its lead-in);
    // then the price in its mid grey, and the averages over it: drawn under the price, they hid behind it
    // wherever they ran close to it (all of a 1m run), though the legend named them.
    expect([...priceSection.matchAll(/<path d="M[^"]*" fill="none" stroke="([^"]+)"/g)].map((m) => m[1])).toEqual(['rgba(139,148,158,0.55)', PRICE_LINE_COLOR, lineColor(0), lineColor(1)]);
  }, 60_000);

  it("says how many entries the cash cut in the figures the risk notes use: the cash to the cent, the price grouped", () => {
    // January 2021 on the BTC hours, each hour opening 0.5 % above the close before it (a market that gaps,
    // past the 0.1 % an all-in entry leaves for the move to its fill): all-in entries sized at a close fill
    // at the higher open and are cut to the cash. The cash after a few trades is an exact decimal of many
    // places; the note printed all of them ("the free cash, 11153.3791301745973 USDT") beside refusal
    // notes that write "9,333.06 USDT".
    const gapped = path.join(dir, 'gapped_BTCUSDT_1h.csv');
    writeFileSync(gapped, gappedHours(H1, Date.UTC(2021, 0, 1), Date.UTC(2021, 1, 1), 0.005));
    const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fast=10,slow=30', '--data', gapped, '--symbol', 'BTC/USDT', '--json', 'cut.json', '--html', 'cut.html', '--data-dir', dataDir()]);
    expect(r.code).toBe(0);
    const printed = r.out.split('\n').filter((l) => l.includes(': the free cash, '));
    expect(printed).toHaveLength(1);
    const note = printed[0]!;
    expect(note).toMatch(/\(\d+ buys cut to what the cash paid for at their fill price, the first at /);
    expect(note).toMatch(/the free cash, \d{1,3}(,\d{3})*(\.\d{1,2})? USDT, covered no more at the fill price \d{1,3}(,\d{3})*(\.\d{1,4})? \(fee included\)/);
    // The same words in the JSON and the HTML report.
    const json = JSON.parse(readFileSync(path.join(dir, 'cut.json'), 'utf8')) as { notes: string[] };
    expect(json.notes).toContain(note.replace(/^note: /, ''));
    expect(readFileSync(path.join(dir, 'cut.html'), 'utf8')).toContain(`<div class="warn">${note.replace(/^note: /, '')}</div>`);
  }, 60_000);

  it('annualizes only a run of a year or more, and measures exposure as the time a position was open', () => {
    // Three weeks of minutes: a CAGR would raise three weeks' return to the 17th power; the summary says why it has none.
    const short = keel(['backtest', '--strategy', 'rsi-reversion', '--data', M1, '--stop-loss', '0.5', '--json', 'short.json', '--data-dir', dataDir()]);
    expect(short.code).toBe(0);
    expect(short.out).toMatch(/^CAGR +n\/a \(run under 365 days\)$/m);
    expect(short.out).toMatch(/^Calmar +n\/a \(run under 365 days\)$/m);
    const json = JSON.parse(readFileSync(path.join(dir, 'short.json'), 'utf8')) as Report & { trades: { entryTs: number; exitTs: number }[] };
    expect(json.metrics.cagrPct).toBeNull();
    expect(json.metrics.calmar).toBeNull();
    expect(json.metrics.totalReturnPct).toBeTypeOf('number');
    // Exposure by hand: the trades' spans (one market: they do not overlap) over the run's, first open to last close.
    const held = json.trades.reduce((s, t) => s + (t.exitTs - t.entryTs), 0);
    const span = json.metrics.to! - json.metrics.from!;
    expect(json.metrics.exposurePct).toBeCloseTo((held / span) * 100, 9);
    // A stop inside the minute the entry filled in: that trade was open, though no minute closed with it.
    expect(json.trades.some((t) => t.exitTs - t.entryTs < 60_000)).toBe(true);
    // 2022 on 1h bars is 365 days: its CAGR is its total return, by the formula (final / capital)^(365 / 365) − 1.
    const year = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2022-01-01', '--to', '2022-12-31', '--json', 'year.json', '--data-dir', dataDir()]);
    expect(year.code).toBe(0);
    const y = JSON.parse(readFileSync(path.join(dir, 'year.json'), 'utf8')) as Report;
    expect(y.metrics.to! - y.metrics.from!).toBe(365 * 86_400_000);
    expect(y.metrics.cagrPct).toBeCloseTo((y.metrics.finalEquity! / 10_000 - 1) * 100, 9);
    expect(y.metrics.calmar).toBeCloseTo(y.metrics.cagrPct! / y.metrics.maxDrawdownPct!, 9);
  });

  it("draws an oscillator the strategy reads in a pane of its own under the price, over the price chart's span", () => {
    const r = keel(['backtest', '--strategy', 'rsi-reversion', '--params', 'period=14,lower=30,upper=70', '--data', H1, '--from', '2022-01-01', '--to', '2022-03-31', '--html', 'rsi.html']);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'rsi.html'), 'utf8');
    const priceSection = html.slice(html.indexOf('<h2>Price and trades</h2>'), html.indexOf('<h2>Monthly returns</h2>'));
    expect([...priceSection.matchAll(/data-indicator="([^"]+)"/g)].map((m) => m[1])).toEqual(['RSI 14']);
    const pane = /<div data-indicator-pane="RSI 14">.*?<\/svg>/s.exec(priceSection)?.[0] ?? '';
    expect(pane).toContain('<svg');
    // Its value axis is the RSI's, inside 0..100, not the price's; the price chart keeps only the price line.
    const ticks = [...pane.matchAll(/<text[^>]*text-anchor="end"[^>]*>([\d.,]+)<\/text>/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(ticks.length).toBeGreaterThan(2);
    for (const v of ticks) expect(v).toBeLessThanOrEqual(100);
    expect(Math.max(...ticks)).toBeGreaterThan(60);
    // The levels it buys under and sells over are dashed across the pane.
    expect([...pane.matchAll(/data-level="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([30, 70]);
    expect(pane).toContain('<div class="sub">RSI 14 at 30 / 70</div>');
    expect((html.match(/<svg/g) ?? []).length).toBe(5);
    // It starts where the price chart does (not 14 bars later, where the RSI has its first value): the same days under both,
    // round ones: Q1 2022 is ticked every other Monday (time-ticks.ts).
    const days = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)"[^>]*data-t="\d+">([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`);
    const priceSvg = /<svg.*?<\/svg>/s.exec(priceSection)![0];
    expect(days(priceSvg).map((d) => d.split(' ').slice(1).join(' '))).toEqual(['10 Jan 2022', '24 Jan', '7 Feb', '21 Feb', '7 Mar', '21 Mar']);
    expect(days(pane)).toEqual(days(priceSvg));
  }, 60_000);

  it('reads a stored series by symbol and timeframe after keel import, and a longer timeframe made from it', () => {
    expect(keel(['import', M1, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--data-dir', dataDir()]).code).toBe(0);
    const r = keel(['backtest', '--strategy', 'ema-cross', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--from', '2023-03-05', '--to', '2023-03-06', '--data-dir', dataDir(), '--json', 'stored.json']);
    expect(r.code).toBe(0);
    // ema-cross 12/26 reads the 26 stored bars before 5 March first (the slow average's 25 and the bar before).
    expect(r.err).toContain("2,880 1m candles of BTC/USDT from local:BTC/USDT:1m (and 26 before them for the indicators' warm-up)");
    const json = JSON.parse(readFileSync(path.join(dir, 'stored.json'), 'utf8')) as Report & { leadIn: number };
    expect(json.equity.length).toBe(2880);
    expect(json.leadIn).toBe(26);

    // A timeframe not stored is made from the minutes, stored or in a file alike, warm-up from the hours before --from.
    const hours = keel(['backtest', '--strategy', 'ema-cross', '--symbol', 'BTC/USDT', '--timeframe', '1h', '--from', '2023-03-05', '--data-dir', dataDir(), '--json', 'hours.json']);
    expect(hours.code).toBe(0);
    expect(hours.err).toContain("408 1h candles of BTC/USDT from local:BTC/USDT:1h (resampled from 1m) (and 26 before them for the indicators' warm-up)");
    const fromFile = keel(['backtest', '--strategy', 'ema-cross', '--data', M1, '--timeframe', '1h', '--from', '2023-03-05', '--json', 'file-hours.json']);
    expect(fromFile.code).toBe(0);
    expect(fromFile.err).toContain('1m candles resampled into 1h');
    const [a, b] = ['hours.json', 'file-hours.json'].map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Report & { leadIn: number });
    expect(a!.fills.length).toBeGreaterThan(5);
    expect(b!.fills).toEqual(a!.fills);
    expect(b!.metrics).toEqual(a!.metrics);
    expect(b!.leadIn).toBe(26);
    // Not made of whole minutes: refused, naming what is stored.
    expect(keel(['backtest', '--strategy', 'ema-cross', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--exchange', 'binance', '--data-dir', dataDir()]).err).toContain(
      'no candles stored for binance:BTC/USDT:1m nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1m',
    );
  }, 60_000);

  it('compares strategies and risk modes side by side', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross,rsi-reversion', '--mode', 'conservative,aggressive', '--data', H1, '--from', '2023-01-01', '--html', 'compare.html']);
    expect(r.code).toBe(0);
    const header = r.out.split('\n')[0]!;
    const labels = ['sma-cross(fast=10,slow=30) conservative', 'sma-cross(fast=10,slow=30) aggressive', 'rsi-reversion(period=14,lower=30,upper=70) conservative', 'rsi-reversion(period=14,lower=30,upper=70) aggressive'];
    for (const label of labels) expect(header).toContain(label);
    // The report's comparison reads as the printed summary, cell for cell: a row per metric, a column per run
    // (it had a row per run and 26 columns, most of them off the page).
    const printed = r.out.split('\n\n')[0]!.split('\n').filter((l, i) => i !== 1 && l.trim() !== '' && !/^(note|hint)/.test(l)).map((l) => l.trim().split(/ {2,}/));
    const html = readFileSync(path.join(dir, 'compare.html'), 'utf8');
    const table = /<table class="compare">.*?<\/table>/s.exec(html)![0];
    const text = (cell: string) => cell.replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
    const rows = [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((tr) => [...tr[1]!.matchAll(/<t([hd])[^>]*>(.*?)<\/t\1>/gs)].map((c) => text(c[2]!)));
    expect(rows[0]).toEqual(['', ...labels]);
    expect(rows.slice(1)).toEqual(printed.slice(1));
    expect(rows.length).toBeGreaterThan(20);
    // The best return in bold, in its run's column, as the app's comparison marks it.
    const returns = rows.find((row) => row[0] === 'total return')!.slice(1).map((c) => Number(c.replace(/[,%]/g, '')));
    const best = /<td class="best"[^>]*>([^<]*)<\/td>/.exec(table)![1]!;
    expect(Number(best.replace(/[,%]/g, ''))).toBe(Math.max(...returns));
    // Half of equity against all of it: the modes size apart, nothing to explain.
    expect(r.out).not.toContain('made the same run');
  }, 60_000);

  it('says why moderate and aggressive made the same run, and a wider stop-loss sizes them apart', () => {
    const same = keel(['backtest', '--strategy', 'sma-cross', '--mode', 'moderate,aggressive', '--data', H1, '--from', '2023-01-01', '--json', 'alike.json']);
    expect(same.code).toBe(0);
    const runs = (JSON.parse(readFileSync(path.join(dir, 'alike.json'), 'utf8')) as { runs: { mode: string; metrics: Record<string, number> }[] }).runs;
    expect(runs[0]!.metrics).toEqual(runs[1]!.metrics);
    expect(same.out).toContain(
      'note: moderate and aggressive made the same run: each sizes an entry at its risk per trade over the 2% stop an entry without its own is counted at (2% / 2% and 3% / 2%), and the account holds no more than its cash, so each took all of it. A stop-loss wider than 2% sizes them apart: --stop-loss 4 sizes them at 50% and 75% of equity',
    );
    const apart = keel(['backtest', '--strategy', 'sma-cross', '--mode', 'moderate,aggressive', '--data', H1, '--from', '2023-01-01', '--stop-loss', '4', '--json', 'apart.json']);
    expect(apart.code).toBe(0);
    expect(apart.out).not.toContain('made the same run');
    const sized = (JSON.parse(readFileSync(path.join(dir, 'apart.json'), 'utf8')) as { runs: { metrics: Record<string, number> }[] }).runs;
    expect(sized[0]!.metrics.totalReturnPct).not.toBe(sized[1]!.metrics.totalReturnPct);
  }, 60_000);

  it('optimizes over a grid in worker threads and checks the best out of sample', () => {
    const r = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2022-12-31', '--optimize', 'grid', '--grid', 'fast=5:15:5,slow=40|80', '--workers', '2', '--json', 'opt.json', '--html', 'opt.html']);
    expect(r.code).toBe(0);
    // The objective in words, as the Optimization table heads its score column, not the --objective name "sharpe".
    expect(r.err).toContain('grid search over 6 parameter sets in 2 worker threads, objective Sharpe\n');
    expect(r.out).toMatch(/Optimization \(6 sets/);
    expect(r.out).toMatch(/best, out of sample/);
    const json = JSON.parse(readFileSync(path.join(dir, 'opt.json'), 'utf8')) as { optimization: { ranked: { params: Record<string, number>; score: number }[]; outOfSample: unknown } };
    expect(json.optimization.ranked.length).toBe(6);
    expect(json.optimization.outOfSample).not.toBeNull();
    // The two parameters' scores as a grid, fast down and slow across, each cell the set's in-sample score:
    // printed, and in the HTML report shaded from red (worst) to green (best).
    const scoreOf = (fast: number, slow: number) => json.optimization.ranked.find((x) => x.params.fast === fast && x.params.slow === slow)!.score.toFixed(2);
    const printed = r.out.slice(r.out.indexOf('Sharpe by fast (down) and slow (across), in sample; green is best')).split('\n').slice(1, 5);
    expect(printed.map((l) => l.trim().split(/\s+/))).toEqual([['fast', '\\', 'slow', '40', '80'], ...[5, 10, 15].map((f) => [String(f), scoreOf(f, 40), scoreOf(f, 80)])]);
    const html = readFileSync(path.join(dir, 'opt.html'), 'utf8');
    // The report names the objective as the printed tables do: "Sharpe", never the --objective name.
    expect(html).toContain('Sharpe by fast (down) and slow (across), in sample; green is best');
    expect(html).not.toMatch(/\bsharpe\b/);
    const grid = /<table class="heat">.*?<\/table>/s.exec(html)![0];
    const cells = [...grid.matchAll(/<td style="background:hsl\((\d+) 55% 32%\)">([-\d.]+)<\/td>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(cells.map(([, v]) => v)).toEqual([5, 10, 15].flatMap((f) => [scoreOf(f, 40), scoreOf(f, 80)]));
    // The best set's cell is the greenest (hue 130), the worst's the reddest (hue 0).
    const best = json.optimization.ranked[0]!.score.toFixed(2);
    const worst = json.optimization.ranked.at(-1)!.score.toFixed(2);
    expect(cells.find(([, v]) => v === best)![0]).toBe(130);
    expect(cells.find(([, v]) => v === worst)![0]).toBe(0);
  }, 120_000);

  it('re-arms a kill switch a drawdown breach pulled the given days later with --rearm-after', () => {
    // sma-cross over 2021-2022 at aggressive size: a daily-loss pull at the low of 2021-03-24's 20:00 bar
    // (20:40; the risk room hears each bar's extremes, as on paper), and at that bar's close the drawdown
    // past 20 % takes the pull over: the halt from 20:40 goes on for the drawdown, not re-armed the next day.
    const args = ['backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2021-01-01', '--to', '2022-12-31', '--mode', 'aggressive'];
    const halts = (file: string) => (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { halts: { from: number; to: number | null; reason: string }[]; fills: unknown[] });
    expect(keel([...args, '--json', 'stays.json']).code).toBe(0);
    const stays = halts('stays.json');
    const drawdown = (h: { reason: string }) => /drawdown of/.test(h.reason);
    expect(stays.halts.filter(drawdown)).toEqual([{ from: Date.UTC(2021, 2, 24, 20, 40), to: null, reason: expect.stringMatching(/a drawdown of 20(\.\d)?% from the equity peak/) }]);
    const week = keel([...args, '--rearm-after', '7', '--json', 'week.json']);
    expect(week.code).toBe(0);
    expect(week.out + week.err).toMatch(/re-armed \d+ times the next day \(after a daily-loss breach\) and \d+ times 7 days later \(after a drawdown breach\)/);
    const rearmed = halts('week.json');
    const first = rearmed.halts.find(drawdown)!;
    // Re-armed at the close of the first bar of the seventh UTC day after the breach's day (01:00 on 03-31).
    expect([first.from, first.to]).toEqual([Date.UTC(2021, 2, 24, 20, 40), Date.UTC(2021, 2, 31, 1)]);
    // Every drawdown pull is re-armed a week later, so the strategy trades on to the end; but the last, on
    // 2022-12-30, with no week left of the range.
    const pulls = rearmed.halts.filter(drawdown);
    expect(pulls.at(-1)).toMatchObject({ from: Date.UTC(2022, 11, 30, 5, 40), to: null });
    for (const h of pulls.slice(0, -1)) expect(Math.floor((h.to! - 1) / 86_400_000) - Math.floor((h.from - 1) / 86_400_000)).toBe(7);
    // Over twice the fills of the run that stays halted from its first breach (in March: most of two years of trading).
    expect(rearmed.fills.length).toBeGreaterThan(stays.fills.length * 2);
  });

  describe('bad input: a clear message, a non-zero exit, no report', () => {
    const noReports = () => readdirSync(dir).filter((f) => f.startsWith('bad'));

    it('an unknown strategy lists the strategies', () => {
      const r = keel(['backtest', '--strategy', 'sma-crossover', '--data', H1, '--json', 'bad.json']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('unknown strategy "sma-crossover"; strategies: sma-cross, ema-cross, rsi-reversion, bollinger-reversion, donchian-breakout, ai-assisted');
      expect(noReports()).toEqual([]);
    });

    it('a search\'s bad range is refused before any data is read, with the parameter it was probably meant to be', () => {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--optimize', 'grid', '--grid', 'fats=5:20', '--data', H1, '--json', 'bad.json']);
      expect(r.code).toBe(2);
      // Nothing was read: no line about the candles comes first.
      expect(r.err).toBe('keel backtest: sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast, slow (and the exits: stopLossPct, takeProfitPct, trailingStopPct)\nrun keel backtest --help for every option\n');
      const typo = keel(['backtest', '--strategy', 'sma-cros', '--data', H1]);
      expect(typo.code).toBe(2);
      expect(typo.err).toContain('unknown strategy "sma-cros" (did you mean sma-cross?); strategies: sma-cross, ');
      expect(noReports()).toEqual([]);
    });

    it('an unknown parameter lists the strategy\'s parameters', () => {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--params', 'fats=5', '--data', H1, '--json', 'bad.json']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('sma-cross has no parameter "fats" (did you mean fast?); its parameters: fast (whole number 1..1000, default 10), slow (whole number 2..5000, default 30)\nrun keel backtest --help for every option');
      expect(noReports()).toEqual([]);
    });

    it('a parameter outside its range names the range', () => {
      const r = keel(['backtest', '--strategy', 'rsi-reversion', '--params', 'period=1', '--data', H1, '--html', 'bad.html']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('rsi-reversion: period = 1 is outside its range 2..500');
      expect(noReports()).toEqual([]);
    });

    it('a date range with no data names the data\'s span', () => {
      const r = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--from', '2030-01-01', '--json', 'bad.json']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/no candles from 2030-01-01T00:00:00Z to the end in .*; it holds 35,481 candles from 2019-12-23T\d\d:00:00Z to 2024-01-09T\d\d:00:00Z/);
      expect(noReports()).toEqual([]);
      const stored = keel(['backtest', '--strategy', 'sma-cross', '--symbol', 'BTC/USDT', '--timeframe', '1m', '--from', '2020-01-01', '--to', '2020-01-02', '--data-dir', dataDir(), '--json', 'bad.json']);
      expect(stored.code).toBe(1);
      expect(stored.err).toMatch(/no candles of local:BTC\/USDT:1m from 2020-01-01T00:00:00Z to the end of 2020-01-02; it holds 30,240 candles from 2023-03-01/);
      const unknown = keel(['backtest', '--strategy', 'sma-cross', '--symbol', 'ETH/USDT', '--timeframe', '1h', '--data-dir', dataDir()]);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('no candles stored for local:ETH/USDT:1h nor of a shorter timeframe to resample from; stored series: local:BTC/USDT:1m');
    });

    it('a data file with a broken line names the file and the line', () => {
      const lines = readFileSync(H1, 'utf8').split('\n').slice(0, 200);
      lines[57] = lines[57]!.replace(/,([\d.]+),([\d.]+),([\d.]+),([\d.]+)$/, ',$1,oops,$3,$4');
      const broken = path.join(dir, 'broken.csv');
      writeFileSync(broken, lines.join('\n'));
      const r = keel(['backtest', '--strategy', 'sma-cross', '--data', broken, '--json', 'bad.json', '--html', 'bad.html']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/broken\.csv line 58: .*high/);
      expect(noReports()).toEqual([]);
    });

    it('a candle off the grid of the timeframe read from the spacing names its line, as keel import does', () => {
      // Before, the half-hour candle ran as a bar of its own in a 1h series.
      const lines = readFileSync(H1, 'utf8').split('\n').slice(0, 200);
      lines[99] = lines[99]!.replace(/^(\d+)/, (ms) => String(Number(ms) + 1_800_000));
      const offGrid = path.join(dir, 'off-grid.csv');
      writeFileSync(offGrid, lines.join('\n'));
      const r = keel(['backtest', '--strategy', 'sma-cross', '--data', offGrid, '--json', 'bad.json']);
      expect(r.code).toBe(1);
      // Its own line, 100, not the good candle after it.
      expect(r.err).toMatch(/off-grid\.csv line 100: time \S+ does not start a 1h candle \(.*\); it is 30m from the candle after it \(.*\) \(the timeframe 1h was read from the candles' most common spacing; give --timeframe if it is another\)/);
      expect(noReports()).toEqual([]);
      const imported = keel(['import', offGrid, '--symbol', 'BTC/USDT', '--data-dir', path.join(dir, 'off-grid-data')]);
      expect(imported.err).toContain('off-grid.csv line 100: time ');
    });

    it('mistyped flags and values say what is valid', () => {
      const mode = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--mode', 'yolo']);
      expect(mode.code).toBe(2);
      expect(mode.err).toContain('unknown risk mode "yolo"; modes: conservative, moderate, aggressive, custom');
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--mode', 'agressive']).err).toContain('unknown risk mode "agressive" (did you mean aggressive?); modes: ');
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--optimize', 'grid', '--grid', 'fast=5|10', '--objective', 'sharp']).err).toContain('unknown objective "sharp" (did you mean sharpe?); objectives: ');
      const fee = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--fee=-1']);
      expect(fee.code).toBe(2);
      expect(fee.err).toContain('--fee -1: give the fee per fill in percent');
      // A percent written with its sign is the same percent; a thousands separator is named as the problem.
      const signed = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--fee', '0.1%', '--json', 'signed.json']);
      keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--fee', '0.1', '--json', 'plain.json']);
      expect(signed.code).toBe(0);
      expect(readFileSync(path.join(dir, 'signed.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'plain.json'), 'utf8'));
      const capital = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--capital', '25,000']);
      expect(capital.code).toBe(2);
      expect(capital.err).toContain('--capital 25,000: give the starting capital, a number above 0 and below 1,000,000,000,000,000 (write it without thousands separators: 10000, not 10,000)');
      const twice = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--params', 'fast=10,slow=30,fast=12']);
      expect(twice.code).toBe(2);
      expect(twice.err).toContain('parameter fast is given twice (10 and 12); give each parameter once');
      const rearm = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--rearm-after', '0']);
      expect(rearm.code).toBe(2);
      expect(rearm.err).toContain('--rearm-after 0: give whole days, 1 to 365, after which a kill switch a drawdown breach pulled is re-armed (or never, the default)');
      // A mistyped flag: cli-backtest-mistakes.test.ts.
      const anchored = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--optimize', 'grid', '--grid', 'fast=5|10', '--anchored']);
      expect(anchored.code).toBe(2);
      expect(anchored.err).toContain("--anchored goes with --walk-forward N: it starts every fold's in-sample stretch at the first bar");
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--anchored']).err).toContain('--anchored goes with --optimize grid|random: add --optimize grid to try every set of the --grid ranges');
      // Every search flag at once, not the first alone.
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--walk-forward', '4', '--grid', 'fast=5:20:5']).err).toContain('--grid, --walk-forward go with --optimize grid|random: ');
      // A search without ranges: the example is the strategy's own parameters, not sma-cross's.
      const noGrid = keel(['backtest', '--strategy', 'donchian-breakout', '--data', H1, '--optimize', 'grid']);
      expect(noGrid.code).toBe(2);
      expect(noGrid.err).toContain('--optimize needs --grid with the ranges to search, e.g. --grid period=10:40:10,exit=5:20:5');
      expect(existsSync(path.join(dir, 'bad.json'))).toBe(false);
    });

    it('--limits moves a risk limit for the run, and a wrong one names the valid limits', () => {
      // The default 20 % drawdown limit pulls the kill switch in 2021 for good; at 100 % the run trades to the end.
      const held = keel(['backtest', '--strategy', 'sma-cross', '--data', H1]);
      const moved = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'maxDrawdownPct=100']);
      expect(held.out).toMatch(/engaged at the end \(a drawdown of [\d.]+% from the equity peak reached the 20% limit\)/);
      expect(moved.code).toBe(0);
      expect(moved.out).not.toContain('from the equity peak reached');
      const trades = (out: string) => Number(/trades \(closed\)\s+([\d,]+)/.exec(out)![1]!.replace(/,/g, ''));
      expect(trades(moved.out)).toBeGreaterThan(trades(held.out) * 2);
      const unknown = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'maxDrawdown=30']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toMatch(/--limits: there is no risk limit called maxDrawdown \(did you mean maxDrawdownPct\?\); limits: riskPerTradePct, .*maxDrawdownPct, /);
      const outside = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'maxDrawdownPct=500']);
      expect(outside.err).toContain('--limits: Max drawdown must be a number more than 0% and at most 100%, got 500\n');
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'maxDrawdownPct=30,maxDrawdownPct=40']).err).toContain('--limits: maxDrawdownPct is given twice; give each limit once');
      // Not a number: what the limit takes, with "or null" only where null is valid (it led to a second refusal).
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'maxDrawdownPct=abc']).err).toContain('--limits: maxDrawdownPct: "abc" is not a number; give a number more than 0% and at most 100%\n');
      expect(keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--limits', 'defaultStopPct=x']).err).toContain('--limits: defaultStopPct: "x" is not a number; give a number more than 0% and at most 50% (or null to switch it off)\n');
    });

    it('--limits closeOnLossLimit=true closes the position at a loss limit, where by default the drawdown rides past it and a hint says so', () => {
      // rsi-reversion buys ETH on 8 March 2020 with the whole account and no stop; by default the daily-loss and
      // drawdown pulls leave it open, and it rides the crash down to a 61% drawdown under a 20% limit.
      const eth = path.join(DATA, 'binance_futures_markprice_ETHUSDT_1h_20191223_20240109.csv');
      const held = keel(['backtest', '--strategy', 'rsi-reversion', '--data', eth]);
      const closed = keel(['backtest', '--strategy', 'rsi-reversion', '--data', eth, '--limits', 'closeOnLossLimit=true', '--json', 'closed.json']);
      const drawdown = (out: string) => Number(/max drawdown\s+([\d.]+)%/.exec(out)![1]);
      expect(held.code).toBe(0);
      expect(drawdown(held.out)).toBeGreaterThan(60);
      expect(held.out).toContain(
        "hint: the drawdown reached 61.48%, past the 20% limit: a breach blocks new entries and leaves an open position to its stop and the strategy's exit; --limits closeOnLossLimit=true closes them at the breach",
      );
      expect(closed.code).toBe(0);
      expect(drawdown(closed.out)).toBeLessThan(22);
      expect(closed.out).not.toContain('hint: the drawdown reached');
      expect(closed.out).toMatch(/^kill switch +5 +0\.00%/m);
      const report = JSON.parse(readFileSync(path.join(dir, 'closed.json'), 'utf8')) as { trades: { exitTag?: string }[]; lossLimits: unknown };
      expect(report.trades.filter((t) => t.exitTag === 'kill switch')).toHaveLength(5);
      // The report says what the run was held to.
      expect(report.lossLimits).toEqual({ dailyLossLimitPct: 5, maxDrawdownPct: 20, closeOnLossLimit: true, rearmAfterDays: null });
      const bad = keel(['backtest', '--strategy', 'rsi-reversion', '--data', eth, '--limits', 'closeOnLossLimit=maybe']);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--limits: closeOnLossLimit: "maybe" is not true or false (true: a daily-loss or drawdown breach closes every position; false, the default: it leaves them to their stops and exits)');
    });

    it('a report that cannot be written is refused before the run, and never overwrites the data', () => {
      // Before, the run went to its end (the summary printed) and then failed on Node's ENOENT for a temporary file.
      const missing = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--json', 'bad.json', '--html', 'no-such-folder/bad.html']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain(`--html ${path.join(dir, 'no-such-folder', 'bad.html')}: the folder ${path.join(dir, 'no-such-folder')} does not exist; create it first`);
      expect(missing.out).not.toContain('total return');
      const folder = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--json', '.']);
      expect(folder.code).toBe(2);
      expect(folder.err).toContain(`--json ${dir} is a folder; give a file name in it, e.g. ${path.join(dir, 'report.json')}`);
      const twice = keel(['backtest', '--strategy', 'sma-cross', '--data', H1, '--json', 'bad.out', '--trades-csv', 'bad.out']);
      expect(twice.code).toBe(2);
      expect(twice.err).toContain(`--json and --trades-csv both name ${path.join(dir, 'bad.out')}; give each report its own file`);
      expect(noReports()).toEqual([]);

      // A report named as the file the run reads would replace the trader's candles with it.
      const data = path.join(dir, 'candles-BTCUSDT.csv');
      const text = readFileSync(H1, 'utf8').split('\n').slice(0, 300).join('\n');
      writeFileSync(data, text);
      const over = keel(['backtest', '--strategy', 'sma-cross', '--data', data, '--html', 'candles-BTCUSDT.csv']);
      expect(over.code).toBe(2);
      expect(over.err).toContain(`--html ${data} is the --data file this command reads; writing there would replace it`);
      expect(readFileSync(data, 'utf8')).toBe(text);
    });
  });
});
