import type { CommandName, CommandParams, CommandResponse } from '../../shared/contract/index.ts';

/** Who sent a call, as the shell that carried it vouches: the Electron window or a browser bridge connection. */
export interface CallContext {
  shell: 'electron' | 'browser';
  /** A short label for logs: the window's id or the connection's peer. */
  peer: string;
}

/** One function per command in the contract; each gets a request that already passed its schema. */
export type Handlers = {
  [K in CommandName]: (params: CommandParams<K>, ctx: CallContext) => Promise<CommandResponse<K>> | CommandResponse<K>;
};

/** The handlers for one domain's command table (commands/<domain>.ts). */
export type HandlersFor<T> = Pick<Handlers, Extract<keyof T, CommandName>>;
