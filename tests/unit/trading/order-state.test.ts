// The order state machine: every legal move is allowed, every other one throws.
import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransitionError, isFinal, isOpen, transition } from '../../../electron/trading/order-state.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../../shared/trading/orders.ts';

const LEGAL: [OrderStatus, OrderStatus][] = [
  ['new', 'accepted'],
  ['new', 'rejected'],
  ['accepted', 'partially_filled'],
  ['accepted', 'filled'],
  ['accepted', 'cancelled'],
  ['accepted', 'expired'],
  ['partially_filled', 'partially_filled'],
  ['partially_filled', 'filled'],
  ['partially_filled', 'cancelled'],
  ['partially_filled', 'expired'],
];

const order = (status: OrderStatus) => ({ id: 'o1', status, reason: null as string | null });

describe('order state machine', () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const legal = LEGAL.some(([a, b]) => a === from && b === to);
      it(`${from} → ${to} is ${legal ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        const o = order(from);
        if (legal) {
          expect(transition(o, to, 'why').status).toBe(to);
          expect(o.reason).toBe('why');
        } else {
          expect(() => transition(o, to)).toThrow(IllegalTransitionError);
          expect(o.status).toBe(from);
        }
      });
    }
  }

  it('says what the order may do instead', () => {
    expect(() => transition(order('filled'), 'cancelled')).toThrow('order o1 cannot go from filled to cancelled; from filled it may go to nothing (it is final)');
    expect(() => transition(order('new'), 'filled')).toThrow('from new it may go to accepted, rejected');
  });

  it('knows which statuses are open and which are final', () => {
    expect(ORDER_STATUSES.filter(isOpen)).toEqual(['new', 'accepted', 'partially_filled']);
    expect(ORDER_STATUSES.filter(isFinal)).toEqual(['filled', 'cancelled', 'rejected', 'expired']);
  });

  it('keeps an earlier reason when a move gives none', () => {
    const o = { id: 'o2', status: 'accepted' as OrderStatus, reason: 'held by the engine' as string | null };
    transition(o, 'partially_filled');
    expect(o.reason).toBe('held by the engine');
  });
});
