// The checks an app backtest request passes before any worker starts (a run and a parameter search
// alike): a known strategy with valid parameters, a stored series, a range that holds candles. Refusals
// say what is valid.
import { KeelError } from '../../shared/contract/errors.ts';
import type { BacktestRequest } from '../../shared/contract/commands/backtest.ts';
import { seriesLabel } from '../../shared/domain/candle.ts';
import type { CandleStore } from '../journal/candle-store.ts';
import { ParamError } from '../strategies/params.ts';
import { strategyWithParams } from '../strategies/registry.ts';

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** The request's parameters with the strategy's defaults filled in; a KeelError('invalid_request') when it cannot run. */
export function checkRequest(store: CandleStore, request: Omit<BacktestRequest, 'monteCarlo'>): Record<string, number> {
  let params: Record<string, number>;
  try {
    params = strategyWithParams(request.strategy, request.params).params;
  } catch (err) {
    if (err instanceof ParamError) throw new KeelError('invalid_request', err.message);
    throw err;
  }
  const key = request.series;
  if (store.count(key) === 0) {
    const stored = store.listSeries().map((s) => seriesLabel(s));
    throw new KeelError('invalid_request', `no candles stored for ${seriesLabel(key)}; ${stored.length ? `stored series: ${stored.join(', ')}` : 'the journal holds none'}`);
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) throw new KeelError('invalid_request', `from ${iso(request.from)} is after to ${iso(request.to)}`);
  if (store.count(key, { from: request.from, to: request.to }) === 0) {
    const info = store.listSeries().find((s) => seriesLabel(s) === seriesLabel(key));
    throw new KeelError('invalid_request', `no candles of ${seriesLabel(key)} from ${request.from === undefined ? 'the start' : iso(request.from)} to ${request.to === undefined ? 'the end' : iso(request.to)}; it holds candles from ${info ? `${iso(info.firstTs)} to ${iso(info.lastTs)}` : 'an unknown span'}`);
  }
  return params;
}
