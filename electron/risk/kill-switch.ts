// The kill switch: cancel every open order that could add exposure (reduce-only ones, the stops and targets
// protecting positions, stay: they can only take risk off), optionally close every position, and block new entries until
// the user re-arms it. Its state is saved before anything is cancelled, so a crash half-way still starts
// Keel halted, and a restart while it is engaged keeps it engaged (and cancels whatever is open again).
import { wallClock } from '../trading/clock.ts';
import type { Origin } from '../../shared/trading/orders.ts';
import type { SettingsStore } from './settings-store.ts';

const KEY = 'risk.kill';

/** The settings key of one account's kill switch (no scope: the paper account's, as first saved). */
export function killKey(scope: string | null): string {
  return scope ? `${KEY}:${scope}` : KEY;
}

export interface KillState {
  engaged: boolean;
  at: number | null;
  reason: string | null;
  by: string | null;
  via: string | null;
  flatten: boolean;
}

/** What the kill switch does to the engine (the risk service adapts the execution engine to this). */
export interface KillTarget {
  /**
   * Cancels every open order but the reduce-only ones (protective stops and targets); returns how many,
   * and what could not be cancelled.
   */
  cancelAll(reason: string): { cancelled: number; failures: string[] };
  /**
   * Sends a closing order for every position, tagged with what pulled the switch (killTag: "margin call",
   * else "kill switch") and placed in the name of who did (killOrigin); returns how many, and what could
   * not be closed.
   */
  flattenAll(reason: string, tag: string, origin: Origin): { flattened: number; failures: string[] };
}

export interface KillRequest {
  flatten: boolean;
  by: string;
  via: string;
  reason: string;
  now: number;
}

export interface KillReport {
  cancelled: number;
  flattened: number;
  failures: string[];
  ms: number;
  /**
   * When it was engaged already: since when, by whom and why, before this pull (whose reason the state now
   * holds). `keel kill` on an engaged switch said "Kill switch engaged" as if it had been armed.
   */
  before?: { at: number | null; by: string | null; via: string | null; reason: string | null };
}

const ARMED: KillState = { engaged: false, at: null, reason: null, by: null, via: null, flatten: false };

export class KillSwitch {
  readonly #store: SettingsStore;
  readonly #key: string;
  /** Measures how long a kill took (ms); the app passes a monotonic timer. */
  readonly #timer: () => number;
  #state: KillState;

  constructor(store: SettingsStore, timer: () => number = () => wallClock.now(), scope: string | null = null) {
    this.#store = store;
    this.#key = killKey(scope);
    this.#timer = timer;
    const saved = store.read(this.#key) as Partial<KillState> | undefined;
    this.#state = saved && typeof saved === 'object' && saved.engaged === true ? { ...ARMED, ...saved, engaged: true } : { ...ARMED };
  }

  get state(): Readonly<KillState> {
    return this.#state;
  }

  get engaged(): boolean {
    return this.#state.engaged;
  }

  get reason(): string | null {
    return this.#state.reason;
  }

  /** Engages (or engages again: everything open is cancelled each time; holdFor changes only the reason). */
  engage(request: KillRequest, target: KillTarget | null): KillReport {
    const t0 = this.#timer();
    const was = this.#state;
    this.#state = { engaged: true, at: request.now, reason: request.reason, by: request.by, via: request.via, flatten: request.flatten || (this.#state.engaged && this.#state.flatten) };
    let cancelled = 0;
    let flattened = 0;
    const failures: string[] = [];
    // Saved first: entries are blocked from here on, whatever happens below. A save that fails (a full
    // disk) stops nothing: the switch holds in memory and cancels all the same, and the report says a
    // restart would not find it engaged.
    try {
      this.#store.write(this.#key, this.#state);
    } catch (err) {
      failures.push(`saving the engaged switch: ${err instanceof Error ? err.message : String(err)} (it holds until Keel closes, but a restart would not find it engaged)`);
    }
    if (target) {
      try {
        const c = target.cancelAll(`kill switch: ${request.reason}`);
        cancelled = c.cancelled;
        failures.push(...c.failures);
      } catch (err) {
        failures.push(`cancelling: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (request.flatten) {
        const f = target.flattenAll(`kill switch: ${request.reason}`, killTag(request.via), killOrigin(request));
        flattened = f.flattened;
        failures.push(...f.failures);
      }
    }
    const report: KillReport = { cancelled, flattened, failures, ms: this.#timer() - t0 };
    if (was.engaged) report.before = { at: was.at, by: was.by, via: was.via, reason: was.reason };
    return report;
  }

  /**
   * The engaged switch now held for another reason (a drawdown breach while a daily-loss pull holds it):
   * the state and its save change, and nothing is cancelled. Since the pull, the only orders left open are
   * those an engaged switch lets through (exits, protective stops), and a new pull would cancel a trader's
   * resting exit for a reason that blocks only entries. Returns what could not be done (a failed save: a
   * restart would find the switch engaged for the old reason). Throws when the switch is not engaged.
   */
  holdFor(request: Omit<KillRequest, 'flatten'>): string[] {
    if (!this.#state.engaged) throw new Error('the kill switch is not engaged; engage() it');
    this.#state = { ...this.#state, at: request.now, reason: request.reason, by: request.by, via: request.via };
    try {
      this.#store.write(this.#key, this.#state);
      return [];
    } catch (err) {
      return [`saving the switch's new reason: ${err instanceof Error ? err.message : String(err)} (a restart would find it engaged for the old one)`];
    }
  }

  /** Returns false when it was not engaged. */
  rearm(): boolean {
    if (!this.#state.engaged) return false;
    // Saved before it takes effect: a re-arm the journal cannot keep is refused, and the switch stays engaged.
    this.#store.write(this.#key, { ...ARMED });
    this.#state = { ...ARMED };
    return true;
  }
}

/**
 * Whose name a flatten's closing orders go out in: the trader's when they pulled the switch (from the
 * window, the tray or the shortcut), else the risk room's own (a margin call, a loss limit), so the
 * journal never says the trader sold what the system did.
 */
export function killOrigin(request: Pick<KillRequest, 'by' | 'via'>): Origin {
  return request.by === 'user' ? USER_ORIGIN : { kind: 'system', via: request.via };
}

const USER_ORIGIN: Origin = Object.freeze({ kind: 'user' });

/** The tag a flatten's closing orders carry, so the trades they end say so: a margin call's, or the kill switch's. */
export function killTag(via: string): string {
  return via === 'margin-call' ? 'margin call' : 'kill switch';
}
