// Keel killed with SIGKILL at every point of the order path, then restarted: journal and exchange agree,
// no order is lost and none is doubled.
//
// A driver process (tests/support/live-driver.ts) runs the engine with the live broker against the local
// Binance server, which lives in this test process (and keeps its state in a file) so it outlives every
// killed driver. One scenario (a market buy, a resting limit cancelled, a resting limit sell, a market
// sell, an emulated stop that fires) passes numbered checkpoints: before and after every journal write,
// before each request, while it is in flight, after its answer, before and after each fill. Round k kills
// the driver at checkpoint k; a few more rounds kill it from the server's side, after the exchange has
// accepted the order and before the answer is written. Each round starts by restarting the driver on the
// same data dir: it reconciles, reports what its journal and engine hold, and that is checked against the
// exchange before the round goes on. Each driver process is started one round ahead (DriverPool): it loads
// its code and waits, and opens the journal only when its round begins, after the last driver died.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec, format } from '../../shared/trading/decimal.ts';
import { DriverPool, type DriverLine } from '../helpers/live-driver-process.ts';
import { startBinanceServer, type BinanceServer } from '../support/binance-server/index.ts';
import type { OrderStatus as ExchangeStatus } from '../support/binance-server/order-matching.ts';

let server: BinanceServer;
let dir: string;
let drivers: DriverPool;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-kill-'));
  server = await startBinanceServer({ account: { balances: { USDT: '1000000', BTC: '0' }, stateFile: path.join(dir, 'exchange.json') } });
  const price = Number(format(server.exchange.matcher.price('BTCUSDT')));
  drivers = new DriverPool({ origin: server.origin, dataDir: path.join(dir, 'keel'), price });
});

afterAll(async () => {
  await drivers?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface View {
  orders: { clientOrderId: string; status: string; filled: string; fills: number; fillQty: string }[];
  emulated: { clientOrderId: string; triggered: boolean }[];
  totals: Record<string, string>;
  engineOpen: { clientOrderId: string; status: string }[];
}

const EXCHANGE_STATUS: Record<string, ExchangeStatus> = { accepted: 'NEW', partially_filled: 'PARTIALLY_FILLED', filled: 'FILLED', cancelled: 'CANCELED', expired: 'EXPIRED' };

/** Everything the restarted driver holds agrees with the exchange. */
function expectAgreement(view: View, when: string): void {
  const problems: string[] = [];
  const journal = new Map(view.orders.map((o) => [o.clientOrderId, o]));
  const emulated = new Map(view.emulated.map((o) => [o.clientOrderId, o]));
  // Nothing is left unconfirmed after reconciliation.
  for (const o of view.engineOpen) if (o.status === 'new') problems.push(`${o.clientOrderId} is still "new"`);
  // None lost: every order on the exchange is in the journal. None doubled: each client id once.
  const seen = new Map<string, number>();
  for (const o of server.exchange.matcher.orders) {
    seen.set(o.clientOrderId, (seen.get(o.clientOrderId) ?? 0) + 1);
    if (!journal.has(o.clientOrderId)) problems.push(`${o.clientOrderId} is on the exchange but not in the journal`);
  }
  for (const [id, count] of seen) if (count > 1) problems.push(`${id} was placed ${count} times`);
  for (const j of view.orders) {
    const onExchange = server.exchange.ordersWithClientId(j.clientOrderId);
    const emu = emulated.get(j.clientOrderId);
    if (j.status === 'rejected' || (emu && !emu.triggered)) {
      if (onExchange.length !== 0) problems.push(`${j.clientOrderId} is ${j.status}${emu ? ' (held by the engine)' : ''} but on the exchange`);
      continue;
    }
    const x = onExchange[0];
    if (!x) {
      problems.push(`${j.clientOrderId} is ${j.status} in the journal but not on the exchange`);
      continue;
    }
    if (EXCHANGE_STATUS[j.status] !== x.status) problems.push(`${j.clientOrderId}: journal ${j.status}, exchange ${x.status}`);
    if (dec(j.filled) !== x.executedQty) problems.push(`${j.clientOrderId}: journal filled ${j.filled}, exchange ${format(x.executedQty)}`);
    const trades = server.exchange.matcher.trades.filter((t) => t.orderId === x.orderId);
    if (trades.length !== j.fills || dec(j.fillQty) !== trades.reduce((s, t) => s + t.qty, 0n)) problems.push(`${j.clientOrderId}: ${j.fills} fills journaled, ${trades.length} trades on the exchange`);
  }
  for (const asset of ['USDT', 'BTC']) {
    const exchange = server.exchange.balance(asset).total;
    const engine = view.totals[asset] ?? '0';
    if (dec(exchange) !== dec(engine)) problems.push(`${asset}: engine ${engine}, exchange ${exchange}`);
  }
  expect(problems, when).toEqual([]);
}

/** Restarts the driver on the data dir; checks its reconciled view; returns it ready for "go". */
const timing: number[] = [];
async function restart(round: number, killAt: number, reconcileOnly = false) {
  const t0 = Date.now();
  const driver = drivers.open({ round, killAt, reconcileOnly });
  const reconciled = await driver.line('reconciled');
  timing.push(Date.now() - t0);
  expectAgreement(reconciled.view as View, `after restart ${round}`);
  return driver;
}

describe('kill -9 during submission, then restart', () => {
  it('journal and exchange agree after every kill point; no order lost, none doubled', { timeout: 240_000 }, async () => {
    // A round with no kill: how many checkpoints the scenario passes, and where.
    const calibration = await restart(0, 0);
    calibration.go();
    const done = await calibration.line('done');
    await calibration.exit;
    const points = done.points as string[];
    expect(points.length).toBeGreaterThanOrEqual(50);

    const kills: { round: number; at: number; point: string }[] = [];
    let round = 1;
    // Client-side kills: checkpoint k of the scenario, for every k.
    let recoveryKills = 0;
    for (let k = 1; k <= points.length; k++, round++) {
      const driver = await restart(round, k);
      driver.go();
      const killed: DriverLine = await driver.line('killed');
      const { signal } = await driver.exit;
      expect(signal).toBe('SIGKILL');
      kills.push({ round, at: k, point: String(killed.point) });
      // Every few rounds, a second crash while the restarted driver is still recovering from the first.
      if (k % 6 === 4) {
        const again = drivers.open({ round, killAt: 0, killAtStartup: 1 + (Math.floor(k / 6) % 3) });
        const outcome = await Promise.race([again.line('killed').then(() => 'killed' as const), again.line('reconciled').then(() => 'nothing to recover' as const)]);
        if (outcome === 'killed') recoveryKills++;
        else again.child.kill('SIGKILL');
        await again.exit;
      }
    }
    // Server-side kills: the exchange accepted the j-th order of the scenario; the driver dies before the answer.
    const posts = points.filter((p) => p === 'broker.submit.send').length;
    for (let j = 1; j <= posts; j++, round++) {
      const driver = await restart(round, 0);
      let accepted = 0;
      server.exchange.faults.onAccepted = async () => {
        if (++accepted !== j) return;
        driver.child.kill('SIGKILL');
        await driver.exit;
      };
      driver.go();
      const { signal } = await driver.exit;
      server.exchange.faults.onAccepted = null;
      expect(signal).toBe('SIGKILL');
      kills.push({ round, at: j, point: `exchange.accepted-order-${j}` });
    }
    // The last restart only reconciles.
    const last = await restart(round, 0, true);
    await last.exit;

    const distinct = new Set(kills.map((k) => `${k.at}:${k.point}`));
    expect(distinct.size).toBeGreaterThanOrEqual(50);
    // Every kill landed where it was aimed: the driver died at the checkpoint it was given.
    expect(kills.filter((k) => !k.point.startsWith('exchange.')).map((k) => k.point)).toEqual(points);
    expect(recoveryKills).toBeGreaterThanOrEqual(5);
    const mean = Math.round(timing.reduce((a, b) => a + b, 0) / timing.length);
    const loading = Math.round(drivers.loading.reduce((a, b) => a + b, 0) / drivers.loading.length);
    console.info(
      `kill test: ${kills.length} kills at ${distinct.size} distinct points (${points.length} client checkpoints, ${posts} exchange-side), ` +
        `${recoveryKills} more during recovery; ${server.exchange.matcher.orders.length} orders on the exchange, all agreeing with the journal; restart to reconciled ${mean} ms mean, ${Math.max(...timing)} ms max ` +
        `(each driver's code loaded ahead of its round: ${loading} ms mean from spawn)`,
    );
  });
});
