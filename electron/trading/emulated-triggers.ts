// Triggers the engine holds itself, for order types a (live) exchange cannot hold: stop, take-profit and
// trailing-stop orders wait here, watching the feed, and when one fires the engine sends what it becomes
// (a market order, or a limit at its price) through the risk gate. Emulated orders are journaled like any
// other (with `emulated` set, and the trail's best price), so they survive a restart.
// The paper broker holds every type itself, so in paper trading this stays empty unless a test narrows it.
import { format } from '../../shared/trading/decimal.ts';
import type { OrderRecord } from '../journal/trading-journal.ts';
import { reaches, trailLevel, triggerDirection } from './triggers.ts';

class Held {
  readonly rec: OrderRecord;
  readonly direction: 1 | -1;
  triggerN: number;

  constructor(rec: OrderRecord) {
    this.rec = rec;
    this.direction = triggerDirection(rec.type, rec.side);
    this.triggerN = rec.triggerPrice === null ? Number.NaN : Number(format(rec.triggerPrice));
  }
}

export interface EmulatorEvents {
  /** The trigger was reached at market time ts. */
  fire(rec: OrderRecord, ts: number): void;
  /** A trailing stop's best price moved. */
  trail(rec: OrderRecord, ts: number, extreme: number): void;
}

export class TriggerEmulator {
  readonly #bySymbol: (Held[] | undefined)[] = [];
  readonly #events: EmulatorEvents;
  count = 0;

  constructor(events: EmulatorEvents) {
    this.#events = events;
  }

  add(rec: OrderRecord, symbolId: number): void {
    (this.#bySymbol[symbolId] ??= []).push(new Held(rec));
    this.count++;
  }

  /** Holds nothing (the engine reloads its orders from the journal). */
  clear(): void {
    this.#bySymbol.length = 0;
    this.count = 0;
  }

  remove(orderId: string, symbolId: number): boolean {
    const list = this.#bySymbol[symbolId];
    const i = list ? list.findIndex((h) => h.rec.id === orderId) : -1;
    if (i === -1) return false;
    list!.splice(i, 1);
    this.count--;
    return true;
  }

  /** The order's trigger changed (modify). */
  retrigger(orderId: string, symbolId: number): void {
    const h = this.#bySymbol[symbolId]?.find((x) => x.rec.id === orderId);
    if (h) h.triggerN = h.rec.triggerPrice === null ? Number.NaN : Number(format(h.rec.triggerPrice));
  }

  /** The move from → to at ts (continuous inside a bar's path, discrete between ticks). */
  point(symbolId: number, ts: number, from: number, to: number, continuous: boolean): void {
    const list = this.#bySymbol[symbolId];
    if (list === undefined || list.length === 0) return;
    for (const h of [...list]) {
      const rec = h.rec;
      if (rec.type === 'trailing-stop') {
        this.#trail(h, symbolId, ts, from, to, continuous);
        continue;
      }
      if (reaches(h.direction, h.triggerN, from === from ? from : to, to, continuous && from === from)) this.#fire(h, symbolId, ts);
    }
  }

  #trail(h: Held, symbolId: number, ts: number, from: number, to: number, continuous: boolean): void {
    const rec = h.rec;
    const buy = rec.side === 'buy';
    if (rec.trailExtreme === null) {
      if (h.triggerN === h.triggerN && !reaches(buy ? -1 : 1, h.triggerN, from === from ? from : to, to, continuous && from === from)) return;
      this.#events.trail(rec, ts, to);
      return;
    }
    if (buy ? to < rec.trailExtreme : to > rec.trailExtreme) {
      this.#events.trail(rec, ts, to);
      return;
    }
    const level = trailLevel(rec.side, rec.trailExtreme, rec.trail!);
    if (buy ? to >= level : to <= level) this.#fire(h, symbolId, ts);
  }

  #fire(h: Held, symbolId: number, ts: number): void {
    this.remove(h.rec.id, symbolId);
    this.#events.fire(h.rec, ts);
  }
}
