// A backtest run or search still going (or queued) when Keel closes ends cancelled with a reason that says
// so (electron/backtest/worker-jobs.ts close), kept in the journal. The page tells it from one the trader
// cancelled by that reason's opening words, written once here for both sides.

/** How the reason of a job that Keel's closing cancelled begins: "Keel was closed while this backtest run ran". */
export const KEEL_CLOSED = 'Keel was closed';

/** Whether a cancelled job's reason (its `error`) says Keel closing cancelled it, not the trader. */
export const closedByKeel = (error: string | null | undefined): boolean => error?.startsWith(KEEL_CLOSED) ?? false;
