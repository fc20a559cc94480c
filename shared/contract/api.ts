// The one interface the renderer talks through. The Electron preload implements it over IPC,
// the browser bridge client over a WebSocket; the renderer never knows which.
import type { CommandName, CommandRequest, CommandResponse } from './commands.ts';
import type { EventName, EventPayload } from './events.ts';

export type ApiCommands = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
};

export type Unsubscribe = () => void;

export type ApiEvents = {
  [E in EventName]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
};

export interface Api {
  /** One function per command; each rejects with a KeelError when the call fails. */
  readonly commands: ApiCommands;
  /** One subscribe function per event stream; each returns its unsubscribe. */
  readonly events: ApiEvents;
}
