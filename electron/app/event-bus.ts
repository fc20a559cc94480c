// Typed publish/subscribe for the contract's event streams. Shells subscribe once and forward
// to their windows or sockets; engine services publish without knowing who listens.
import type { EventName, EventPayload } from '../../shared/contract/index.ts';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
type AnyListener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly all = new Set<AnyListener>();

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Every event, for shells that forward the whole stream (the bridge, the IPC forwarder). */
  onAny(listener: AnyListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const set = this.listeners.get(name);
    if (set) for (const l of set) (l as Listener<E>)(payload);
    for (const l of this.all) l(name, payload);
  }
}
