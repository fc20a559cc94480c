// The one door every call comes through, whichever shell carried it: name check, schema check,
// handler, and a typed error as a value. Nothing a caller sends can throw past this function.
import { z } from 'zod';
import { commands, isCommandName, KeelError, type Outcome } from '../../shared/contract/index.ts';
import type { CallContext, Handlers } from './handlers.ts';
import type { Logger } from './logger.ts';

export type Dispatch = (name: unknown, params: unknown, ctx: CallContext) => Promise<Outcome<unknown>>;

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(request)', message: i.message }));
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (name, params, ctx) => {
    if (!isCommandName(name)) {
      const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name;
      log.warn('bridge', `refused unknown command ${shown} from ${ctx.peer}`);
      return { ok: false, error: { code: 'unknown_command', message: `unknown command ${shown}` } };
    }
    const parsed = commands[name].request.safeParse(params ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      log.warn('bridge', `refused invalid ${name} from ${ctx.peer}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return {
        ok: false,
        error: { code: 'invalid_request', message: `invalid request for ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues },
      };
    }
    try {
      const handler = handlers[name] as (p: unknown, c: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof KeelError) return { ok: false, error: err.toJSON() };
      log.error('engine', `${name} failed`, err);
      return { ok: false, error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}` } };
    }
  };
}
