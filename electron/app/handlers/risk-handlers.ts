// The risk domain's commands. Every call from a window or a browser tab acts as the user; the audit log
// records which shell carried it.
import type { riskCommands } from '../../../shared/contract/commands/risk.ts';
import type { RiskService, RiskState } from '../../risk/risk-service.ts';
import type { Projector } from '../../risk/projection/projector.ts';
import type { CallContext, HandlersFor } from '../handlers.ts';
import type { KillEverywhereRequest } from '../kill-everywhere.ts';
import type { KillReport } from '../../risk/kill-switch.ts';

/** Which control was used: the desktop's tray and shortcut dispatch with their own peer names. */
const via = (ctx: CallContext) => (ctx.peer === 'tray' || ctx.peer === 'shortcut' ? ctx.peer : ctx.shell === 'electron' ? 'ui' : 'browser');

/**
 * `risk` is the active account's risk room; `killEverywhere` pulls the switch on every account (the armed
 * live one and paper), for a kill that asks for every account (the desktop's tray and shortcut do).
 */
export function riskHandlers(risk: RiskService, projector: Projector, killEverywhere: (request: KillEverywhereRequest) => Promise<KillReport & { state: RiskState }>): HandlersFor<typeof riskCommands> {
  return {
    'risk.state': () => risk.state(),
    'risk.setMode': ({ mode }) => risk.setMode(mode, 'user'),
    'risk.setLimits': ({ limits }) => risk.setLimits(limits, 'user'),
    'risk.kill': async ({ flatten, reason, everyAccount }, ctx) => {
      const request = { flatten, actor: 'user' as const, via: via(ctx), reason };
      // A live exchange's cancels are counted once it has answered them (confirmKill); paper's at once.
      const r = everyAccount ? await killEverywhere(request) : await risk.confirmKill(risk.kill(request));
      return { state: r.state, cancelled: r.cancelled, flattened: r.flattened, failures: r.failures, ms: r.ms };
    },
    'risk.rearm': (_params, ctx) => risk.rearm('user', via(ctx)),
    'risk.events': ({ limit }) => ({ events: risk.events(limit) }),
    'risk.projection': (request) => projector.project(request),
  };
}
