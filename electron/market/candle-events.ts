// The one way a source's candle updates become the contract's market.candle events: stamped with the
// source's kind, so the UI never shows replayed or simulated data as live. The market service forwards
// every source's candles through this; candles are never coalesced (the paper broker needs every tick).
import type { EventBus } from '../app/event-bus.ts';
import type { MarketListener, SourceKind } from './market-source.ts';

export function candleEvents(bus: Pick<EventBus, 'emit'>, source: SourceKind): Required<Pick<MarketListener, 'onCandle'>> {
  return {
    onCandle: ({ series, candle, closed }) => bus.emit('market.candle', { series, candle, closed, source }),
  };
}
