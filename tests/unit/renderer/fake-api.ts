// An in-memory Api for renderer tests: commands answered by the test's handlers, events emitted by hand.
import { COMMAND_NAMES, EVENT_NAMES, KeelError, type Api, type ApiCommands, type ApiEvents, type CommandName, type CommandRequest, type CommandResponse, type EventName, type EventPayload } from '../../../shared/contract/index.ts';

type Handler<K extends CommandName> = (request: CommandRequest<K>) => CommandResponse<K> | Promise<CommandResponse<K>>;

export interface FakeApi extends Api {
  /** Every call made, in order. */
  calls: { name: CommandName; request: unknown }[];
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  listenerCount(name: EventName): number;
}

export function fakeApi(handlers: { [K in CommandName]?: Handler<K> }): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      async (request: unknown) => {
        calls.push({ name, request });
        const handler = handlers[name] as ((r: unknown) => unknown) | undefined;
        if (!handler) throw new KeelError('unknown_command', `fake api has no handler for ${name}`);
        return handler(request);
      },
    ]),
  ) as unknown as ApiCommands;
  const events = Object.fromEntries(
    EVENT_NAMES.map((name) => [
      name,
      (listener: (payload: unknown) => void) => {
        let set = listeners.get(name);
        if (!set) listeners.set(name, (set = new Set()));
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      },
    ]),
  ) as unknown as ApiEvents;
  return {
    commands,
    events,
    calls,
    emit(name, payload) {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}
