// Every command the renderer may send, with the schema of its request and of its response.
// The Electron preload exposes exactly these (one function each), the browser bridge serves exactly these,
// and the main side validates every request against `request` before a handler sees it.
// Each domain keeps its commands in commands/<domain>.ts; this file joins them into the one contract.
import type { z } from 'zod';
import { appCommands } from './commands/app.ts';
import { backtestCommands } from './commands/backtest.ts';
import { journalCommands } from './commands/journal.ts';
import { marketCommands } from './commands/market.ts';
import { riskCommands } from './commands/risk.ts';
import { strategyCommands } from './commands/strategy.ts';
import { tradingCommands } from './commands/trading.ts';
import { tradingModeCommands } from './commands/trading-mode.ts';

export const commands = {
  ...appCommands,
  ...marketCommands,
  ...tradingCommands,
  ...tradingModeCommands,
  ...riskCommands,
  ...backtestCommands,
  ...strategyCommands,
  ...journalCommands,
} as const;


export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a caller passes (defaults may be left out). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives, after validation filled the defaults. */
export type CommandParams<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
