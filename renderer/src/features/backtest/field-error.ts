// A refusal of one box of the backtest forms: what is wrong, and which box (its data-testid), so the page
// says it beside the button that was pressed and marks that box (FormMessage.tsx) rather than leaving the
// trader to find, among two forms with boxes of the same names, the one the message is about.
export class FieldError extends Error {
  /** The box's data-testid. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'FieldError';
    this.field = field;
  }
}

/** A form's refusal as the page keeps it: the words, and the box at fault (null: none in particular, e.g. the engine's "no candles"). */
export interface FormMessage {
  text: string;
  field: string | null;
}

export function formMessage(err: unknown): FormMessage {
  return { text: err instanceof Error ? err.message : String(err), field: err instanceof FieldError ? err.field : null };
}
