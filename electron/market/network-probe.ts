// Is the exchange reachable? A cheap check at start-up that decides between live and simulated data: a DNS
// lookup and a TCP connect to the exchange's API host, bounded by a timeout, and nothing else (no ccxt, no
// HTTP). It cannot hang start-up: it runs after the app is up and gives up after `timeoutMs`.
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';

export type ProbeResult = { ok: true; reason: string } | { ok: false; reason: string };
export type NetworkProbe = () => Promise<ProbeResult>;

/** Binance's REST host, the one the live default talks to. */
export const BINANCE_API_HOST = 'api.binance.com';

export function tcpProbe(host: string, port = 443, timeoutMs = 1_500): NetworkProbe {
  return () => {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<ProbeResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: `${host} did not answer within ${timeoutMs} ms` }), timeoutMs);
      timer.unref();
    });
    const attempt = (async (): Promise<ProbeResult> => {
      try {
        const { address } = await lookup(host);
        await new Promise<void>((resolve, reject) => {
          const socket = connect({ host: address, port });
          socket.once('connect', () => {
            socket.destroy();
            resolve();
          });
          socket.once('error', reject);
          // The race below gives up first; this only stops a socket nobody waits for any more.
          socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timed out')));
        });
        return { ok: true, reason: `${host} reachable in ${Date.now() - started} ms` };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        return { ok: false, reason: `${host} unreachable (${code ?? (err instanceof Error ? err.message : String(err))})` };
      }
    })();
    return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
  };
}
