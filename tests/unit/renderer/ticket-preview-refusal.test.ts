// The ticket's send button follows the engine's preview; a refusal stands while it is being checked again.
import { describe, expect, it } from 'vitest';
import { previewRefuses } from '../../../renderer/src/features/ticket/preview-refusal.ts';
import type { Preview } from '../../../renderer/src/features/ticket/use-order-preview.ts';

const ok: Preview = { notional: '100', fee: '0.1', cost: '100.1', riskToStop: null, refusal: null };
const refused: Preview = { ...ok, refusal: 'qty 0.000001 is not a multiple of the step size 0.00001 for BTC/USDT' };

describe('previewRefuses', () => {
  it('refuses on a refusal, and keeps refusing while the same order is asked again', () => {
    expect(previewRefuses({ status: 'ready', preview: refused })).toBe(true);
    // The price moved: the preview is re-asked; until the answer comes the last refusal stands.
    expect(previewRefuses({ status: 'loading', preview: refused })).toBe(true);
  });

  it('lets an accepted order through, also while its figures are refreshed', () => {
    expect(previewRefuses({ status: 'ready', preview: ok })).toBe(false);
    expect(previewRefuses({ status: 'loading', preview: ok })).toBe(false);
  });

  it('leaves the first answer, and an engine error, to the ticket\'s own checks', () => {
    expect(previewRefuses({ status: 'none' })).toBe(false);
    expect(previewRefuses({ status: 'loading', preview: null })).toBe(false);
    expect(previewRefuses({ status: 'error', error: { code: 'internal', message: 'boom' } })).toBe(false);
  });
});
