// Amounts in the trading tables: exact rounding on the decimal (never through a float), grouping, signs
// and P&L colours.
import { describe, expect, it } from 'vitest';
import { fixed, pnlClass, priceText, qtyText, signedFixed, signOf, unrealizedText } from '../../../renderer/src/features/orders/decimal-text.ts';

describe('trading amounts on screen', () => {
  it('rounds exactly, halves away from zero, and groups thousands', () => {
    expect(fixed('1234567.891', 2)).toBe('1,234,567.89');
    expect(fixed('0.005', 2)).toBe('0.01');
    expect(fixed('-0.005', 2)).toBe('-0.01');
    expect(fixed('-0.004', 2)).toBe('0.00');
    expect(fixed('2.675', 2)).toBe('2.68'); // a float rounds 2.675 down to 2.67
    expect(fixed('1.1', 4)).toBe('1.1000');
    expect(fixed('999.5', 0)).toBe('1,000');
    expect(fixed(null, 2)).toBe('—');
  });

  it('signs gains, and colours what the rounded figure shows', () => {
    expect(signedFixed('12.3', 2)).toBe('+12.30');
    expect(signedFixed('-12.3', 2)).toBe('-12.30');
    expect(signedFixed('0.001', 2)).toBe('0.00');
    expect(pnlClass('0.01')).toBe('pnl-up');
    expect(pnlClass('-3')).toBe('pnl-down');
    expect(pnlClass('0.004')).toBe('pnl-flat');
    expect(signOf('-0.00000001')).toBe(-1);
    expect(signOf('0')).toBe(0);
  });

  it('writes quantities as the engine did, prices to their size', () => {
    expect(qtyText('0.05000000')).toBe('0.05');
    expect(qtyText('1200')).toBe('1,200');
    expect(qtyText('-0.3')).toBe('-0.3');
    expect(priceText('46216.93')).toBe('46,216.93');
    expect(priceText('3011.205')).toBe('3,011.21');
    expect(priceText('0.54121')).toBe('0.541210');
    expect(priceText('0.0000123456')).toBe('0.00001235');
    expect(priceText(null)).toBe('—');
  });

  it('shows a held position with no price yet (after a restart) as —, not a break-even 0.00', () => {
    expect(unrealizedText({ qty: '0.5', unrealizedPnl: '0', markPrice: null })).toBe('—');
    expect(unrealizedText({ qty: '-0.5', unrealizedPnl: '0', markPrice: null })).toBe('—');
    expect(unrealizedText({ qty: '0.5', unrealizedPnl: '12.345', markPrice: '105' })).toBe('+12.35');
    // Flat, there is nothing to value: 0.00. A strategy's state before the field existed: the figure as given.
    expect(unrealizedText({ qty: '0', unrealizedPnl: '0', markPrice: null })).toBe('0.00');
    expect(unrealizedText({ qty: '1', unrealizedPnl: '-3' })).toBe('-3.00');
  });
});
