// --limits that a mode would not use are refused, not dropped: a preset sets its own risk per trade, AI
// figures and concurrent positions (the risk room refuses them in a preset mode too), and custom's
// --position-pct sets the risk per trade. Before, `--mode moderate --limits riskPerTradePct=1` ran at 2%.
import { describe, expect, it } from 'vitest';
import { riskModeSettings } from '../../../electron/backtest/risk-modes.ts';

describe("limits a mode sets itself", () => {
  it('a preset mode refuses its own figures, naming them and the way to set them', () => {
    expect(() => riskModeSettings('moderate', undefined, { riskPerTradePct: 1 })).toThrow("--limits: the moderate mode sets riskPerTradePct (2) itself; give --mode custom to set it (custom starts from the account's limits), or leave it out");
    expect(() => riskModeSettings('aggressive', undefined, { maxConcurrentPositions: 1, minAiConfidencePct: 60 })).toThrow('--limits: the aggressive mode sets maxConcurrentPositions (8) and minAiConfidencePct (80) itself; give --mode custom to set them');
    // The account's own limits stay the trader's in every mode.
    expect(riskModeSettings('conservative', undefined, { dailyLossLimitPct: 8 }).limits).toMatchObject({ dailyLossLimitPct: 8, riskPerTradePct: 1 });
  });

  it("custom takes them, raising the AI ceiling with a risk per trade above it rather than refusing a limit never given", () => {
    const s = riskModeSettings('custom', undefined, { riskPerTradePct: 3, maxConcurrentPositions: 1 });
    expect(s.limits).toMatchObject({ riskPerTradePct: 3, riskPerTradeMaxPct: 3, maxConcurrentPositions: 1 });
    // 3% at the default 2% stop: all of the equity (spot, at most 100%).
    expect(s.positionShare).toBe(1);
  });

  it("custom's --position-pct and a risk per trade are one setting given twice", () => {
    expect(() => riskModeSettings('custom', 0.4, { riskPerTradePct: 1.5 })).toThrow('--limits: riskPerTradePct is set by --position-pct in the custom mode (the share of equity times the default stop); give one of them');
    expect(riskModeSettings('custom', 0.4, { dailyLossLimitPct: 10 }).limits).toMatchObject({ riskPerTradePct: 0.8, dailyLossLimitPct: 10 });
  });
});
