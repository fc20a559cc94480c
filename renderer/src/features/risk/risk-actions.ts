// What the panel asks of the risk engine. Every failure is reported (a notice), never swallowed; a
// refused limits change is also kept beside the editor, with the engine's reason.
import type { Api } from '../../../../shared/contract/index.ts';
import type { RiskMode } from '../../../../shared/risk/risk-limits.ts';
import { applyLimitsPatch, type LimitsPatch } from '../../../../shared/risk/validate-limits.ts';
import { reportError } from '../../state/notices-store.ts';
import { applyRiskState, useRisk } from './risk-store.ts';

async function busy<T>(fn: () => Promise<T>): Promise<T | null> {
  useRisk.setState({ busy: true });
  try {
    return await fn();
  } finally {
    useRisk.setState({ busy: false });
  }
}

export async function setMode(api: Api, mode: RiskMode): Promise<boolean> {
  return (
    (await busy(async () => {
      try {
        applyRiskState(await api.commands['risk.setMode']({ mode }));
        return true;
      } catch (err) {
        reportError('Switch the risk mode', err);
        return false;
      }
    })) ?? false
  );
}

/** Checks the change here first (the same rules the engine applies), then sends it. Returns the refusal, or null. */
export async function setLimits(api: Api, patch: LimitsPatch): Promise<string | null> {
  const state = useRisk.getState().state;
  if (state) {
    const local = applyLimitsPatch(state.limits, patch, state.mode);
    if (!local.ok) {
      useRisk.setState({ limitsError: local.message });
      return local.message;
    }
  }
  // The refusal on screen when this was sent: its acceptance clears that one (the trader corrected it), not
  // one made meanwhile (a field refused while the engine was answering this, shown beside it to be corrected).
  const showing = useRisk.getState().limitsError;
  return busy(async () => {
    try {
      applyRiskState(await api.commands['risk.setLimits']({ limits: patch }));
      if (useRisk.getState().limitsError === showing) useRisk.setState({ limitsError: null });
      return null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      useRisk.setState({ limitsError: message });
      return message;
    }
  });
}

export interface KillResult {
  cancelled: number;
  flattened: number;
  failures: string[];
  ms: number;
}

export async function kill(api: Api, flatten: boolean): Promise<KillResult | null> {
  return busy(async () => {
    try {
      const r = await api.commands['risk.kill']({ flatten, reason: flatten ? 'kill switch and flatten from the risk panel' : 'kill switch from the risk panel' });
      applyRiskState(r.state);
      return { cancelled: r.cancelled, flattened: r.flattened, failures: r.failures, ms: r.ms };
    } catch (err) {
      reportError('Pull the kill switch', err);
      return null;
    }
  });
}

export async function rearm(api: Api): Promise<boolean> {
  return (
    (await busy(async () => {
      try {
        applyRiskState(await api.commands['risk.rearm']({}));
        return true;
      } catch (err) {
        reportError('Re-arm the kill switch', err);
        return false;
      }
    })) ?? false
  );
}

/** `returns`: trade returns in R from a backtest; without them the engine uses the journal's trades (or a labelled assumption). */
export async function loadProjection(api: Api, mode: RiskMode, returns?: number[], startBalance = 100): Promise<void> {
  try {
    const projection = await api.commands['risk.projection']({ mode, startBalance, targets: [500, 1000, 5000], ...(returns ? { returns } : {}) });
    useRisk.setState({ projection });
  } catch (err) {
    reportError('Project account growth', err);
  }
}
