// Commands about Keel itself.
import type { appCommands } from '../../../shared/contract/commands/app.ts';
import type { HandlersFor } from '../handlers.ts';
import { appVersion } from '../version.ts';

export function appHandlers(info: { shell: 'electron' | 'browser'; dataDir: string; startedAt: number }): HandlersFor<typeof appCommands> {
  return {
    'app.info': () => ({ name: 'Keel', version: appVersion(), tradingMode: 'paper', shell: info.shell, dataDir: info.dataDir, startedAt: info.startedAt }),
  };
}
