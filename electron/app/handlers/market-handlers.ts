// The market domain's commands: stored series and candles, and replay.
import type { marketCommands } from '../../../shared/contract/commands/market.ts';
import type { CandleStore } from '../../journal/candle-store.ts';
import type { ReplayService } from '../../market/replay/replay-service.ts';
import type { HandlersFor } from '../handlers.ts';

export function marketHandlers(candles: CandleStore, replay: ReplayService): HandlersFor<typeof marketCommands> {
  return {
    'market.series': () => ({ series: candles.listSeries() }),
    'market.candles': ({ series, from, to, limit }) => ({ candles: candles.read(series, { from, to, limit }) }),
    'replay.start': (p) => replay.start(p.series, { speed: p.speed, from: p.from, history: p.history }),
    'replay.pause': () => replay.pause(),
    'replay.resume': () => replay.resume(),
    'replay.stop': () => replay.stop(),
    'replay.setSpeed': ({ speed }) => replay.setSpeed(speed),
    'replay.state': () => replay.state(),
  };
}
