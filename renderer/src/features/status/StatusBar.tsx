// The strip along the bottom: connection, a halt of the risk room, where the data comes from, the market clock, the last
// price, and how far the replay has got. data-testid="candle-count" is how many candles the chart holds.
import { formatCount, formatMarketTime, formatPrice } from '../../lib/format.ts';
import { useAppInfo } from '../../app/app-info-store.ts';
import { ModeBadge } from '../../app/ModeBadge.tsx';
import { useConnection } from '../../state/connection-store.ts';
import { useChart } from '../chart/chart-store.ts';
import { useReplay } from '../replay/replay-store.ts';
import { RiskBadge } from './RiskBadge.tsx';
import { SourceBadge } from './SourceBadge.tsx';

export function StatusBar() {
  const connection = useConnection();
  const info = useAppInfo((s) => s.info);
  const source = useChart((s) => s.source);
  const tally = useChart((s) => s.tally);
  const replay = useReplay((s) => s.state);
  const replaying = replay !== null && replay.status !== 'idle';

  return (
    <footer className="status-bar">
      <span className={`conn conn-${connection.status}`} data-testid="connection" title={connection.closeReason ?? undefined}>
        <span className="conn-dot" aria-hidden="true" />
        {connection.status === 'connected' ? `Connected${connection.shell === 'browser' ? ' · browser' : ''}` : 'Disconnected'}
      </span>
      <ModeBadge testId="status-trading-mode" compact />
      <RiskBadge />
      <SourceBadge source={source} />
      <span className="status-item" title="Market time of the replay clock (UTC)">
        <span className="status-label">{replaying ? 'Market' : 'Last candle'}</span>
        <span data-testid="market-clock">{formatMarketTime(replaying ? replay.clock : tally.lastTime)}</span>
      </span>
      <span className="status-item">
        <span className="status-label">Last</span>
        {formatPrice(tally.lastPrice)}
      </span>
      {/* The chart's count, not the journal's: a long stored series loads its newest candles first. */}
      <span className="status-item" title="Candles the chart holds now; a long stored series loads its newest first and older ones as you scroll back">
        <span className="status-label">Candles</span>
        <span data-testid="candle-count">{formatCount(tally.count)}</span>
      </span>
      {replaying && (
        <span className="status-item" data-testid="replay-progress" data-status={replay.status} title="Candles played of the series">
          <span className="status-label">Replay</span>
          {formatCount(replay.index)} / {formatCount(replay.total)}
          {replay.status !== 'playing' && <span className="status-replay-state"> · {replay.status}</span>}
          <span className="progress" aria-hidden="true">
            <span className="progress-fill" style={{ width: `${replay.total > 0 ? (100 * replay.index) / replay.total : 0}%` }} />
          </span>
        </span>
      )}
      <span className="status-spacer" />
      <a className="status-link" href="https://www.tradingview.com/" target="_blank" rel="noreferrer" title="Charts by TradingView Lightweight Charts™">
        Charts by TradingView
      </a>
      {info && <span className="status-item muted">Keel {info.version}</span>}
    </footer>
  );
}
