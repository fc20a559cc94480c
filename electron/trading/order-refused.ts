// An order refused before it was sent: nothing was journaled as sent and no broker saw it. A KeelError,
// so the UI gets the reason as is (invalid_request for a wrong order, conflict for one the account cannot
// take now), with the field at fault in `issues`.
import { KeelError } from '../../shared/contract/errors.ts';
import type { Refusal } from './validate-order.ts';

export class OrderRefusedError extends KeelError {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(refusal.code, `order refused: ${refusal.message}`, [{ path: refusal.field, message: refusal.message }]);
    this.name = 'OrderRefusedError';
    this.refusal = refusal;
  }
}
