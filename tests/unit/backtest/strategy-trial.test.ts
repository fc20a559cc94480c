// The trial run a strategy of one's own gets before it starts on an account: in a worker thread over the
// market's last bars (or made-up ones), terminated when it takes too long. A strategy that gets through is
// let go; one stuck in a loop or one that throws is refused with why, and the caller's thread never waits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trialProblem, TRIAL_BARS, type TrialRequest } from '../../../electron/backtest/strategy-trial.ts';
import type { Candle } from '../../../shared/domain/candle.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-trial-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A strategy file whose onBar runs `body` (n counts its bars from 1). */
function strategyFile(name: string, body: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `export default { name: ${JSON.stringify(name)}, description: "a test", params: {}, create: (_p, ctx) => { let n = 0; return { onBar(bar) { n++; ${body} } }; } };\n`);
  return file;
}

const HOUR = 3_600_000;
const bars: Candle[] = Array.from({ length: 300 }, (_, i) => ({ t: Date.UTC(2024, 0, 1) + i * HOUR, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: 1 }));
const request = (name: string, file: string, more: Partial<TrialRequest> = {}): TrialRequest => ({ strategy: name, strategyFile: file, params: {}, symbol: 'BTC/USDT', timeframe: '1h', direction: 'long', bars, ...more });

describe('trialProblem', () => {
  it('lets a strategy that gets through the bars go, orders and all', async () => {
    const file = strategyFile('buys-once', 'if (n === 5) ctx.buy(ctx.maxBuyQty(bar.c));');
    expect(await trialProblem(request('buys-once', file))).toBeNull();
  });

  it('lets a heavy one go: 5 ms of work a bar is slow, not stuck', async () => {
    const file = strategyFile('heavy', 'const until = Date.now() + 5; while (Date.now() < until) {}');
    expect(await trialProblem(request('heavy', file))).toBeNull();
  });

  it('refuses one stuck in a loop, within its budget, while this thread goes on', async () => {
    const file = strategyFile('stuck', 'if (n === 120) for (;;) {}');
    let ticks = 0;
    const clock = setInterval(() => ticks++, 50);
    const asked = Date.now();
    const problem = await trialProblem(request('stuck', file, { budgetMs: 3_000 }));
    clearInterval(clock);
    expect(problem).toBe("stuck did not get through a trial run over the last 300 1h bars of BTC/USDT within 3 s (stuck in a loop?), so it was not started: on an account it would be stopped at the first bar it takes more than 2 s on. Run it as a backtest to see where it stops");
    expect(Date.now() - asked).toBeLessThan(6_000);
    // The event loop kept turning while the worker looped.
    expect(ticks).toBeGreaterThan(20);
  });

  it('refuses one that throws, with its error', async () => {
    const file = strategyFile('throws', 'if (n === 7) throw new Error("no such indicator: vwap");');
    expect(await trialProblem(request('throws', file))).toMatch(/^throws failed in a trial run over the last 300 1h bars of BTC\/USDT, so it was not started: .*no such indicator: vwap/);
  });

  it('makes up bars when the market has none at hand', async () => {
    const file = strategyFile('counts', 'if (n === ' + TRIAL_BARS + ') throw new Error("got through " + n);');
    expect(await trialProblem(request('counts', file, { bars: [] }))).toMatch(new RegExp(`over ${TRIAL_BARS.toLocaleString('en-US')} made-up 1h bars \\(no BTC/USDT history was at hand\\), so it was not started: .*got through ${TRIAL_BARS}`));
  });
});
