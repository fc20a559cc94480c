// Commands about Keel itself.
import type { appCommands } from '../../../shared/contract/commands/app.ts';
import type { HandlersFor } from '../handlers.ts';
import { appVersion } from '../version.ts';

/** `tradingMode`: paper or live as armed now (trading-mode-service.ts); paper when not given. */
export function appHandlers(info: { shell: 'electron' | 'browser'; dataDir: string; startedAt: number; tradingMode?: () => 'paper' | 'live' }): HandlersFor<typeof appCommands> {
  return {
    'app.info': () => ({ name: 'Keel', version: appVersion(), tradingMode: info.tradingMode?.() ?? 'paper', shell: info.shell, dataDir: info.dataDir, startedAt: info.startedAt }),
  };
}
