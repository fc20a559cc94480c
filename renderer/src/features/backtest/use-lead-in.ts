// Asks backtest.window for the bars a finished run's indicators read before its range (lead-in-view.ts):
// from the start of the data to the range's first bar, the lead-in's bars counted. Read in a worker on
// the engine's side; the price chart is drawn at once and the lead-in joins it when it comes.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import type { LeadInWindow } from './lead-in-view.ts';

/** Which run's market to ask for, and where its range starts; absent when the run read no bars before it. */
export interface LeadInAsk {
  runId: string;
  /** A portfolio run's market; absent: the run's series. */
  symbol?: string | undefined;
  /** Open time of the range's first bar. */
  rangeStart: number;
}

export type LeadInLoad = { status: 'none' } | { status: 'loading' } | { status: 'ready'; window: LeadInWindow } | { status: 'error'; message: string };

const NONE: LeadInLoad = { status: 'none' };

export function useLeadIn(ask: LeadInAsk | undefined): LeadInLoad {
  const api = useApi();
  const [loaded, setLoaded] = useState<LeadInLoad>(NONE);
  const runId = ask?.runId;
  const symbol = ask?.symbol;
  const rangeStart = ask?.rangeStart;
  useEffect(() => {
    if (runId === undefined || rangeStart === undefined) {
      setLoaded(NONE);
      return;
    }
    let live = true;
    setLoaded({ status: 'loading' });
    api.commands['backtest.window']({ runId, ...(symbol !== undefined && { symbol }), from: 0, to: rangeStart, withLeadIn: true }).then(
      (window) => live && setLoaded({ status: 'ready', window }),
      (err: unknown) => live && setLoaded({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, runId, symbol, rangeStart]);
  return loaded;
}
