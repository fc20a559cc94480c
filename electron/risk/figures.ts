// Numbers as refusals and gauges print them: short, with thousands separators, never "2.4000000001%".
import { enNumber } from '../../shared/domain/en-number.ts';

// Refusals must name the numbers ("risk 2.4% of equity exceeds the 1% limit"), so every rule uses these.

/** A percentage: 2.4%, 0.35%, 12%. */
export function pct(value: number): string {
  return `${num(value, Math.abs(value) >= 10 ? 1 : 2)}%`;
}

/** An amount in the quote asset: 1,234.56 USDT. */
export function money(value: number, quote: string): string {
  return `${num(value, 2)} ${quote}`;
}

/** A plain figure with at most `decimals` decimals and no trailing zeros. */
export function num(value: number, decimals = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  // Small prices and quantities keep their significant digits.
  const d = abs > 0 && abs < 1 ? Math.max(decimals, Math.min(10, Math.ceil(-Math.log10(abs)) + 3)) : decimals;
  return enNumber(value, 0, d);
}
