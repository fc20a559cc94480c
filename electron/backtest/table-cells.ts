// The cells the breakdown tables (Exits, Sides, Entries by tag) write their figures in, one way for all:
// a percent with two decimals, money with thousands separators, a profit factor (∞ without a loss), and
// "–" for a figure there is none of.
import { enNumber } from '../../shared/domain/en-number.ts';

export const pctCell = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}%` : '–');
export const moneyCell = (v: number): string => (Number.isFinite(v) ? enNumber(v, 2, 2) : '–');
export const factorCell = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : v === Infinity ? '∞' : '–');
