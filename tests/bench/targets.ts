// The targets the issues name, printed beside each figure. Benchmarks report; nothing fails on a miss.
import type { Target } from './bench-types.ts';

export const TARGETS: Record<string, Target> = {
  bridge_rtt_p50_ms: { kind: 'max', value: 0.5 },
  bridge_rtt_p99_ms: { kind: 'max', value: 2 },
  journal_candle_insert_per_s: { kind: 'min', value: 400_000 },
  // Reads into typed arrays come from the candle block index: an order of magnitude over the rows' ~1-2M/s.
  journal_candle_read_per_s: { kind: 'min', value: 10_000_000 },
  // A live closed candle rewrites its block of up to 1,024 candles besides its row.
  journal_candle_append_us: { kind: 'max', value: 1000 },
  // The app's worst wait for a write (an order journaled) while `keel import` writes a million candles beside it.
  journal_write_beside_cli_import_worst_ms: { kind: 'max', value: 100 },
  // Indicators (issue 3): each faster than the fastest npm library (Keel ms / fastest peer ms < 1).
  indicator_sma_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_ema_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_rsi_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_macd_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_bbands_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_atr_vs_fastest_peer: { kind: 'max', value: 1 },
  indicator_stream_updates_per_s: { kind: 'min', value: 20_000_000 },
  // Market data (issue 3): trades in, 1m candles aggregated, five streaming indicators updated per tick.
  tick_pipeline_per_s: { kind: 'min', value: 2_000_000 },
  // Trading engine (issue 4): order acknowledged and journaled, fills through the paper broker, marking, the per-bar path.
  paper_order_ack_p99_ms: { kind: 'max', value: 2 },
  fills_per_s: { kind: 'min', value: 100_000 },
  mark_to_market_10k_positions_ms: { kind: 'max', value: 1 },
  paper_bars_per_s: { kind: 'min', value: 5_000_000 },
  // Backtests (issue 6): sma-cross over 1,000,000 1m candles through the full engine; the same from the journal;
  // memory of such a run; speed against the fastest npm backtesting library (grademark).
  backtest_candles_per_s: { kind: 'min', value: 5_000_000 },
  backtest_e2e_1m_s: { kind: 'max', value: 0.5 },
  backtest_peak_rss_mb: { kind: 'max', value: 500 },
  // The same memory bound for `keel backtest --data` of a 1,000,000-row CSV with both reports, the whole command.
  backtest_cli_csv_peak_rss_mb: { kind: 'max', value: 500 },
  backtest_vs_fastest_peer: { kind: 'min', value: 10 },
  // Chart (issue 3): one coalesced update of candles and indicators with 20,000 bars loaded, and frames
  // per second while a 1000x replay streams into them.
  chart_update_ms: { kind: 'max', value: 0.5 },
  chart_fps_20k: { kind: 'min', value: 60 },
  // Risk (issue 5): one order through the whole gate with 100 open positions; the kill switch cancelling
  // 1,000 open paper orders.
  risk_check_p99_us: { kind: 'max', value: 20 },
  kill_switch_ms: { kind: 'max', value: 50 },
};
