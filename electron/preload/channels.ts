// The IPC wire between the preload and main: one invoke channel per command, one send channel per
// event stream, both named from the contract. There is no generic channel, so the page can reach
// nothing the contract does not name. Main (electron/main/ipc.ts) registers exactly these.
import type { CommandName, EventName } from '../../shared/contract/index.ts';

export function commandChannel(name: CommandName): `keel:cmd:${CommandName}` {
  return `keel:cmd:${name}`;
}

export function eventChannel(name: EventName): `keel:evt:${EventName}` {
  return `keel:evt:${name}`;
}
