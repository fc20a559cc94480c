// Draws the trading engine's open orders, positions and fills for the selected symbol on the chart.
// It reads trading.orders / trading.positions / trading.fills once and follows the trading.order,
// trading.fill and trading.positions events, of the account the trading commands act on; when that
// account changes (live armed or disarmed), it clears what it drew and reads the new account.
import { useEffect, type RefObject } from 'react';
import type { Api } from '../../../../../shared/contract/index.ts';
import { timeframeMs } from '../../../../../shared/domain/timeframe.ts';
import { toErrorData } from '../../../state/error-data.ts';
import { reportError } from '../../../state/notices-store.ts';
import type { ChartView } from '../chart-view.ts';
import { whileAccountStays } from '../../orders/account-scope.ts';
import { activeAccount, useTradingModeState } from '../../ticket/live/trading-mode-store.ts';
import { useChart } from '../chart-store.ts';
import { useSeries } from '../series-store.ts';
import { fillMarkers, orderLines, positionLines } from './trade-overlays.ts';
import { applyFills, applyOrder, applyOrders, applyPositions, clearTrades, useTrades } from './trade-store.ts';

/** Reports a failed read, except from an engine that has no trading at all (nothing to draw, nothing wrong). */
const failed = (action: string) => (err: unknown) => {
  if (toErrorData(err).code !== 'unknown_command') reportError(action, err);
};

export function useTradeOverlays(api: Api, viewRef: RefObject<ChartView | null>): void {
  // Follow the engine.
  useEffect(() => {
    const load = () => {
      api.commands['trading.orders']({ status: 'open', limit: 5000 }).then(whileAccountStays((r) => applyOrders(r.orders)), failed('Read open orders'));
      api.commands['trading.positions']({}).then(whileAccountStays(applyPositions), failed('Read positions'));
      api.commands['trading.fills']({ limit: 1000 }).then(whileAccountStays((r) => applyFills(r.fills)), failed('Read fills'));
    };
    const offs = [
      api.events['trading.order'](applyOrder),
      api.events['trading.fill']((f) => applyFills([f])),
      api.events['trading.positions'](applyPositions),
      useTradingModeState.subscribe((now, before) => {
        if (activeAccount(now.state) === activeAccount(before.state)) return;
        clearTrades();
        load();
      }),
    ];
    load();
    return () => offs.forEach((off) => off());
  }, [api]);

  // Redraw when trading state, the symbol or the bars on the chart change.
  const series = useSeries((s) => s.selected);
  const orders = useTrades((s) => s.orders);
  const positions = useTrades((s) => s.positions);
  const fills = useTrades((s) => s.fills);
  const firstTime = useChart((s) => s.history.firstTime);
  const lastTime = useChart((s) => s.tally.lastTime);
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.setPriceLines(series ? [...orderLines(orders.values(), series.symbol), ...positionLines(positions, series.symbol)] : []);
  }, [viewRef, series, orders, positions]);
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (!series || firstTime === null || lastTime === null) {
      view.setMarkers([]);
      return;
    }
    // Bounded by the newest bar too: a replay's chart ends in the past, and the library would draw a later
    // fill (today's, or one of an earlier run of the replay) on its last bar as if it had happened there.
    view.setMarkers(fillMarkers(fills, series.symbol, timeframeMs(series.timeframe), firstTime, lastTime));
  }, [viewRef, series, fills, firstTime, lastTime]);
}
