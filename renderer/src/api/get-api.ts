// The one place that finds the Api: the preload's `window.keel` inside Electron, otherwise a
// WebSocket bridge client to the `keel serve` that served this page.
import type { Api } from '../../../shared/contract/index.ts';
import { createBridgeClient } from '../../../shared/bridge/client.ts';
import { bridgeUrl, readToken } from './bridge-url.ts';

export type ApiConnection =
  | {
      ok: true;
      api: Api;
      shell: 'electron' | 'browser';
      /** Called if the link to the engine drops (browser only; the Electron IPC lives as long as the window). */
      onClose: (listener: (reason: string) => void) => void;
    }
  | { ok: false; reason: 'no_token' | 'refused'; detail: string };

export async function getApi(): Promise<ApiConnection> {
  if (window.keel) return { ok: true, api: window.keel, shell: 'electron', onClose: () => {} };

  const token = readToken(location.search);
  if (!token) return { ok: false, reason: 'no_token', detail: 'This page was opened without an access token.' };

  const socket = new WebSocket(bridgeUrl(location, token));
  const client = createBridgeClient(socket);
  try {
    await client.ready;
  } catch (err) {
    return { ok: false, reason: 'refused', detail: err instanceof Error ? err.message : String(err) };
  }
  return {
    ok: true,
    api: client,
    shell: 'browser',
    onClose: (listener) => {
      client.onClose((code, reason) => listener(reason || `code ${code}`));
    },
  };
}
