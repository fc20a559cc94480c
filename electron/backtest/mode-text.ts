// A run's risk mode as the tables, reports and labels name it: a preset by its name; custom with the share
// of equity per entry it took ("custom 40%"), as the app's runs table names it, whether --position-pct gave
// it or the account limits did (riskPerTradePct / defaultStopPct: 100% at the defaults). A bare "custom"
// left the trader to guess what the run was sized at.
import { riskModeSettings } from './risk-modes.ts';

export function modeText(r: { mode: string; positionShare?: number | undefined }): string {
  if (r.mode !== 'custom' || r.positionShare === undefined) return r.mode;
  return `custom ${Number((r.positionShare * 100).toFixed(6))}%`;
}

/**
 * An app request with its custom share filled in when it sent none: the one the run takes (the account
 * defaults', as keel backtest --mode custom without --position-pct), so the runs table shows "custom 100%".
 */
export function withCustomShare<R extends { mode: string; positionPct?: number | null | undefined }>(request: R): R {
  if (request.mode !== 'custom' || request.positionPct != null) return request;
  return { ...request, positionPct: Number((riskModeSettings('custom').positionShare * 100).toFixed(6)) };
}
