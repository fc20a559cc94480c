// ai-assisted: trades on the AI co-pilot's journaled decisions (signals of kind "ai.decision" for the
// strategy's symbol). A decision carries { action: "buy" | "sell" | "close" | "hold", confidence: 0..1 };
// it is acted on at the first bar close at or after its time, when its confidence reaches the minimum.
// Until an AI co-pilot journals decisions there are none, and the strategy says so instead of trading.
import { defineStrategy, type JournaledSignal } from '../strategy.ts';
import { signalTrader } from './signal-orders.ts';

export const AI_DECISION_KIND = 'ai.decision';

interface Decision {
  action: 'buy' | 'sell' | 'close' | 'hold';
  confidence: number;
}

/** Reads a decision's payload; anything else is ignored (the co-pilot's format may grow). */
export function readDecision(s: JournaledSignal): Decision | null {
  const p = s.payload as { action?: unknown; confidence?: unknown } | null;
  if (typeof p !== 'object' || p === null) return null;
  const action = p.action;
  if (action !== 'buy' && action !== 'sell' && action !== 'close' && action !== 'hold') return null;
  const confidence = typeof p.confidence === 'number' && p.confidence >= 0 && p.confidence <= 1 ? p.confidence : 1;
  return { action, confidence };
}

export const aiAssisted = defineStrategy({
  name: 'ai-assisted',
  description: 'Acts on the AI co-pilot\'s journaled decisions (signals of kind "ai.decision"): buy goes long, sell exits (or goes short when the run may short), close exits.',
  params: {
    minConfidence: { type: 'number', default: 0.6, min: 0, max: 1, step: 0.1, description: 'ignore decisions below this confidence' },
  },
  indicators: () => [],
  create(p, ctx) {
    if (!ctx.hasSignals(AI_DECISION_KIND)) {
      ctx.note(`ai-assisted: no AI decisions (signals of kind "${AI_DECISION_KIND}") are journaled for ${ctx.symbol}, so it will not trade; they appear once the AI co-pilot journals its decisions`);
    }
    // A decision is a signal as the indicator built-ins give one (buy bullish, sell bearish), so it trades
    // the sides the run allows the same way; close exits (on a long-only run, what a sell does). Each
    // order is tagged with the decision that placed it.
    const trader = signalTrader(ctx, { up: 'ai buy', down: 'ai sell' });
    return {
      onBar(bar) {
        const decisions = ctx.takeSignals(AI_DECISION_KIND);
        let acted = false;
        for (let i = 0; i < decisions.length; i++) {
          const d = readDecision(decisions[i]!);
          if (!d || d.confidence < p.minConfidence || d.action === 'hold') continue;
          acted = true;
          if (d.action === 'close') trader.flatten('ai close');
          else trader.signal(d.action === 'buy' ? 1 : -1, bar.c);
        }
        if (!acted) trader.idle(bar.c);
      },
    };
  },
});
