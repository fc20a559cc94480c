// The trading keys: Shift+B buys and Shift+S sells with the ticket as filled in, Shift+X cancels every
// open order (after a confirm). Pure, so what fires and what does not is unit-tested. Keys never fire
// while the user types in a box, and never with Ctrl, Alt or Meta (those belong to the browser and OS).

export type ShortcutAction = 'buy' | 'sell' | 'cancelAll';

export interface Shortcut {
  keys: string;
  action: ShortcutAction;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Shift+B', action: 'buy', does: 'Buy: place the ticket’s order as a buy' },
  { keys: 'Shift+S', action: 'sell', does: 'Sell: place the ticket’s order as a sell' },
  { keys: 'Shift+X', action: 'cancelAll', does: 'Cancel all open orders (asks first)' },
];

const BY_CODE: Record<string, ShortcutAction> = { KeyB: 'buy', KeyS: 'sell', KeyX: 'cancelAll' };

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  target: unknown;
}

/** Inputs that take keys as text; a checkbox or a button does not. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when keys typed now go into a box (text input, textarea, select, contenteditable). */
export function isTyping(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown };
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has(typeof el.type === 'string' ? el.type.toLowerCase() : 'text');
  return el.isContentEditable === true;
}

/**
 * The action a key press asks for, or null. Held keys (auto-repeat) fire once, not once per repeat:
 * a held Shift+B must not place a stream of orders.
 */
export function shortcutFor(e: KeyPress): ShortcutAction | null {
  if (!e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return null;
  if (isTyping(e.target)) return null;
  // By the letter on the key; on a non-Latin layout (no Latin letter), by the key's position.
  if (/^[a-z]$/i.test(e.key)) return BY_CODE[`Key${e.key.toUpperCase()}`] ?? null;
  return BY_CODE[e.code] ?? null;
}
