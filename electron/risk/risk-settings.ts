// The mode and the limits: loaded from the settings table, changed only through validation (a refused
// change leaves every value as it was), saved at once. The limits in force are the stored ones with the
// preset mode's four figures over them; the custom figures are kept while a preset mode is on, so
// switching back to custom finds them again. Switching modes touches no position and no order.
import { DEFAULT_LIMITS, DEFAULT_MODE, effectiveLimits, MODE_KEYS, RISK_MODES, type RiskLimits, type RiskMode } from '../../shared/risk/risk-limits.ts';
import { applyLimitsPatch, type LimitsCheck, type LimitsPatch } from '../../shared/risk/validate-limits.ts';
import type { LimitsSource } from './rules/limits-source.ts';
import type { SettingsStore } from './settings-store.ts';

const KEY = 'risk.settings';

interface Saved {
  mode: RiskMode;
  limits: RiskLimits;
}

export class RiskSettings implements LimitsSource {
  readonly #store: SettingsStore;
  #mode: RiskMode;
  #stored: RiskLimits;
  #effective: RiskLimits;
  /** Why a saved value was not used at start-up, for the log. */
  readonly loadProblem: string | null = null;

  constructor(store: SettingsStore, defaults: Partial<RiskLimits> = {}) {
    this.#store = store;
    const base: RiskLimits = { ...DEFAULT_LIMITS, ...defaults };
    const saved = store.read(KEY) as Partial<Saved> | undefined;
    let mode: RiskMode = DEFAULT_MODE;
    let stored = base;
    if (saved && typeof saved === 'object') {
      if (RISK_MODES.includes(saved.mode as RiskMode)) mode = saved.mode as RiskMode;
      if (saved.limits && typeof saved.limits === 'object') {
        const check = applyLimitsPatch(base, saved.limits, 'custom');
        if (check.ok) stored = check.limits;
        else this.loadProblem = `the saved risk limits were not used (${check.message}); the defaults apply`;
      }
    }
    this.#mode = mode;
    this.#stored = stored;
    this.#effective = effectiveLimits(mode, stored);
  }

  get mode(): RiskMode {
    return this.#mode;
  }

  /** The limits as saved (a preset mode's figures not applied): the custom mode's own figures. */
  get stored(): Readonly<RiskLimits> {
    return this.#stored;
  }

  /** The limits in force. */
  get limits(): Readonly<RiskLimits> {
    return this.#effective;
  }

  /** Returns whether anything changed. */
  setMode(mode: RiskMode): boolean {
    if (mode === this.#mode) return false;
    // Saved before it takes effect: a change the journal cannot keep is not made (a restart would undo it).
    this.#save(mode, this.#stored);
    this.#mode = mode;
    this.#effective = effectiveLimits(mode, this.#stored);
    return true;
  }

  /** Validates the whole patch first; on a refusal nothing changes. */
  setLimits(patch: LimitsPatch): LimitsCheck {
    const check = applyLimitsPatch(this.#effective, patch, this.#mode);
    if (!check.ok) return check;
    const next = { ...check.limits };
    // Under a preset mode its figures are the mode's: the stored custom ones stay.
    if (this.#mode !== 'custom') for (const k of MODE_KEYS) (next as Record<string, unknown>)[k] = this.#stored[k];
    this.#save(this.#mode, next);
    this.#stored = next;
    this.#effective = effectiveLimits(this.#mode, next);
    return { ok: true, limits: this.#effective };
  }

  #save(mode: RiskMode, limits: RiskLimits): void {
    this.#store.write(KEY, { mode, limits } satisfies Saved);
  }
}
