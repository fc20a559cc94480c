import { describe, expect, it } from 'vitest';
import { aiConfidence } from '../../../../electron/risk/rules/ai-confidence.ts';
import { ctx, limits, order } from './rule-fixtures.ts';

describe('ai-confidence', () => {
  const rule = aiConfidence(limits({ minAiConfidencePct: 75 }, 'conservative'));
  it('refuses AI orders below the mode floor and leaves others alone', () => {
    expect(rule.check(order({ origin: { kind: 'ai', confidence: 0.74 } }), ctx())?.message).toBe("ai-confidence: the AI's confidence of 74% is below the 75% minimum of conservative mode");
    expect(rule.check(order({ origin: { kind: 'ai', confidence: 0.75 } }), ctx())).toBeNull();
    expect(rule.check(order({ origin: { kind: 'strategy', id: 's' } }), ctx())).toBeNull();
    expect(rule.check(order(), ctx())).toBeNull();
  });
});
