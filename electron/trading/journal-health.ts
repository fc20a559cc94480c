// An account's journal health as the trader is told it (trading.journalHealth): the engine calls this
// only on its failure and recovery paths, never on a write that goes through while all is well, and it
// publishes only when the state changes, never per failed write (a journal that keeps failing fails at
// every tick).
import type { JournalHealth } from '../../shared/contract/journal-health.ts';
import { wallClock, type Clock } from './clock.ts';
import type { TradingEventSink } from './execution-engine.ts';

export class JournalHealthState {
  readonly #account: string;
  readonly #events: TradingEventSink | null;
  // The trader's clock, not the engine's: a replay's market time says nothing about when the disk filled.
  readonly #clock: Clock;
  #now: JournalHealth | null = null;

  constructor(account: string, events: TradingEventSink | null, clock: Clock = wallClock) {
    this.#account = account;
    this.#events = events;
    this.#clock = clock;
  }

  /** The last state told; null while the journal has never failed. */
  get state(): JournalHealth | null {
    return this.#now;
  }

  /**
   * A write failed (`error`, its message) and the engine has tried to reload itself from the journal:
   * `reloadError` is null when that worked. Told when the account was saving, or when what the engine
   * did changed (the reload failed, then worked); the first failure's time and error are kept.
   */
  failed(error: string, reloadError: string | null): void {
    const reload = reloadError === null ? 'reloaded' : 'failed';
    const was = this.#now;
    if (was?.status === 'failing') {
      if (was.reload === reload && was.reloadError === reloadError) return;
      this.#tell({ ...was, changedAt: Math.max(was.changedAt, this.#clock.now()), reload, reloadError });
      return;
    }
    const at = this.#clock.now();
    this.#tell({ account: this.#account, status: 'failing', changedAt: at, failedAt: at, error, reload, reloadError, recoveredAt: null });
  }

  /** A write went through (committed) while the journal was failing. */
  saved(): void {
    const was = this.#now;
    if (was?.status !== 'failing') return;
    const at = Math.max(was.changedAt, this.#clock.now());
    this.#tell({ ...was, status: 'saving', changedAt: at, recoveredAt: at });
  }

  #tell(state: JournalHealth): void {
    this.#now = state;
    this.#events?.emit('trading.journalHealth', state);
  }
}
