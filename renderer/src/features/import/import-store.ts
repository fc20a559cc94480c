// The import dialog's state: the boxes as typed, the import under way (how far its file is read), and
// how it ended. One dialog for the whole app, opened from wherever a trader picks data.
import { create } from 'zustand';
import type { FileImport, KeelErrorData } from '../../../../shared/contract/index.ts';
import type { SeriesKey } from '../../../../shared/domain/candle.ts';

export interface ImportFields {
  /** The file's absolute path on the engine's machine (this machine). */
  path: string;
  /** Blank: read from the file name. */
  symbol: string;
  /** Blank: from the candles' spacing (trades: 1m). */
  timeframe: string;
  /** Blank: local. */
  exchange: string;
}

export interface ImportProgressView {
  stage: 'reading' | 'storing';
  done: number;
  total: number;
}

export interface ImportState {
  open: boolean;
  fields: ImportFields;
  busy: boolean;
  progress: ImportProgressView | null;
  result: FileImport | null;
  error: KeelErrorData | null;
  /**
   * What the opener does with the series stored: the backtest form selects it, the chart shows it. Awaited
   * before the result is shown, so the series is there when the trader reads that it was stored.
   */
  onStored: ((series: SeriesKey) => Promise<void> | void) | null;
}

export const EMPTY_FIELDS: ImportFields = { path: '', symbol: '', timeframe: '', exchange: '' };

export const useImport = create<ImportState>()(() => ({
  open: false,
  fields: EMPTY_FIELDS,
  busy: false,
  progress: null,
  result: null,
  error: null,
  onStored: null,
}));
