// Bridge round trip: a client calls `app.info` over the WebSocket bridge of a real `keel serve`
// running in its own process, one call at a time, and we time each answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createBridgeClient, type SocketLike } from '../../shared/bridge/client.ts';
import { startKeelServe } from '../helpers/keel-serve.ts';
import type { BenchSuite } from './bench-types.ts';
import { quantile, round } from './stats.ts';

const suite: BenchSuite = {
  name: 'bridge',
  async run({ quick, log }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'keel-bench-bridge-'));
    const serve = await startKeelServe({ dataDir });
    try {
      const socket = new WebSocket(serve.wsUrl, { origin: serve.origin });
      const client = createBridgeClient(socket as unknown as SocketLike);
      await client.ready;
      const warmup = quick ? 200 : 2_000;
      const calls = quick ? 2_000 : 20_000;
      for (let i = 0; i < warmup; i++) await client.commands['app.info']({});
      const rtt = new Float64Array(calls);
      for (let i = 0; i < calls; i++) {
        const t0 = performance.now();
        await client.commands['app.info']({});
        rtt[i] = performance.now() - t0;
      }
      client.close();
      log(`bridge: ${calls} sequential app.info calls`);
      return { bridge_rtt_p50_ms: round(quantile(rtt, 0.5), 4), bridge_rtt_p99_ms: round(quantile(rtt, 0.99), 4) };
    } finally {
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default suite;
