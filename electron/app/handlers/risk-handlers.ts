// The risk domain's commands. Every call from a window or a browser tab acts as the user; the audit log
// records which shell carried it.
import type { riskCommands } from '../../../shared/contract/commands/risk.ts';
import type { RiskService } from '../../risk/risk-service.ts';
import type { Projector } from '../../risk/projection/projector.ts';
import type { CallContext, HandlersFor } from '../handlers.ts';

/** Which control was used: the desktop's tray and shortcut dispatch with their own peer names. */
const via = (ctx: CallContext) => (ctx.peer === 'tray' || ctx.peer === 'shortcut' ? ctx.peer : ctx.shell === 'electron' ? 'ui' : 'browser');

export function riskHandlers(risk: RiskService, projector: Projector): HandlersFor<typeof riskCommands> {
  return {
    'risk.state': () => risk.state(),
    'risk.setMode': ({ mode }) => risk.setMode(mode, 'user'),
    'risk.setLimits': ({ limits }) => risk.setLimits(limits, 'user'),
    'risk.kill': ({ flatten, reason }, ctx) => {
      const r = risk.kill({ flatten, actor: 'user', via: via(ctx), reason });
      return { state: r.state, cancelled: r.cancelled, flattened: r.flattened, failures: r.failures, ms: r.ms };
    },
    'risk.rearm': (_params, ctx) => risk.rearm('user', via(ctx)),
    'risk.events': ({ limit }) => ({ events: risk.events(limit) }),
    'risk.projection': (request) => projector.project(request),
  };
}
