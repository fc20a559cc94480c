// An order refused before it was sent: nothing was journaled as sent and no broker saw it. A KeelError,
// so the UI gets the reason as is (invalid_request for a wrong order, conflict for one the account cannot
// take now), with the field at fault in `issues`, and `kind` says what refused it as data (a strategy's
// notes group refusals by it rather than by their words).
import { KeelError } from '../../shared/contract/errors.ts';
import { ENGINE_REFUSAL_KINDS, type RefusalKind } from '../../shared/trading/refusal-kind.ts';
import type { Refusal } from './validate-order.ts';

export class OrderRefusedError extends KeelError {
  readonly refusal: Refusal;
  readonly kind: RefusalKind;
  constructor(refusal: Refusal) {
    super(refusal.code, `order refused: ${refusal.message}`, [{ path: refusal.field, message: refusal.message }]);
    this.name = 'OrderRefusedError';
    this.refusal = refusal;
    this.kind = refusal.kind ?? ENGINE_REFUSAL_KINDS.invalidOrder;
  }
}
