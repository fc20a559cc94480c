// Moved to rules/max-position-notional.ts with the other rules; kept so existing imports keep working.
export { maxPositionNotional } from './rules/max-position-notional.ts';
