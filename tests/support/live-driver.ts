// A small Keel for the kill tests, run as a child process: it opens the journal in a data dir, builds the
// engine with the live broker against the local Binance server, reconciles, reports what its journal
// and engine hold, and then (when told "go" on stdin) trades a fixed scenario, stopping itself with
// SIGKILL at checkpoint number `killAt` of that scenario.
//
//   node tests/support/live-driver.ts '{"origin":"http://127.0.0.1:PORT","dataDir":"/tmp/x","price":24000}'
//   stdin: {"round":3,"killAt":17}   then, after "reconciled": go
//
// It starts before it is needed: Node, the engine's modules and ccxt's binance class (and the HTTP client
// ccxt loads for its first request) load, and then it waits for its round on stdin before it opens the
// journal or the exchange. The kill test starts the next driver while the current one runs, so each restart
// after a kill costs what a restart of Keel on that data dir does (open, reconcile), not the ~0.4 s of
// loading code that no kill can affect.
//
// Checkpoints are every place a crash could leave journal and exchange disagreeing: before and after each
// journal write of an order or a fill (the journal is wrapped), and the live broker's probe points (before
// a request, while it is in flight, after the answer, before and after each fill). Lines on stdout, JSON:
//   {"type":"ready"}                        code loaded, waiting for its round
//   {"type":"reconciled","view":...}        after start-up reconciliation settled
//   {"type":"killed","n":17,"point":"..."}  written just before SIGKILL
// With `killAtStartup` the driver dies at that checkpoint of its start-up reconciliation instead.
//   {"type":"done","points":[...]}          the scenario ran to the end (no kill)
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FillRecord, OrderEventRecord, OrderRecord, PositionRecord, BalanceRecord, TradingJournal } from '../../electron/journal/trading-journal.ts';
import { createLogger } from '../../electron/app/logger.ts';
import { SqliteTradingJournal } from '../../electron/journal/trading-store.ts';
import { loadExchangeClass } from '../../electron/market/live/load-ccxt.ts';
import { dec, format } from '../../shared/trading/decimal.ts';
import type { OrderRequest } from '../../shared/trading/orders.ts';
import { journalView, openLiveRig, USER, type LiveRig } from '../helpers/live-rig.ts';
import { TEST_API_KEY, TEST_API_SECRET } from './binance-server/signed-request.ts';

/** On the command line: what every driver of a test shares. */
interface DriverBase {
  origin: string;
  dataDir: string;
  /** The price the engine is fed (the server's last price). */
  price: number;
}

/** The first line on stdin: this driver's round. */
interface DriverArgs {
  round: number;
  /** 0: run the scenario to the end. */
  killAt: number;
  /** Skip the scenario: reconcile, report, exit. */
  reconcileOnly?: boolean;
  /** Die at this checkpoint of the start-up reconciliation instead (a second crash during recovery). */
  killAtStartup?: number;
}

const base = JSON.parse(process.argv[2] ?? '{}') as DriverBase;
let args: DriverArgs = { round: 0, killAt: 0 };
/** Which checkpoints count: those of the start-up reconciliation, or those of the scenario. */
let phase: 'startup' | 'scenario' | 'off' = 'startup';
let n = 0;
const points: string[] = [];

function emit(line: unknown): void {
  // Synchronous: the line is out before a SIGKILL that follows it.
  writeSync(1, JSON.stringify(line) + '\n');
}

function checkpoint(point: string): void {
  if (phase === 'off') return;
  n++;
  if (phase === 'scenario') points.push(point);
  if (n === (phase === 'startup' ? args.killAtStartup : args.killAt)) {
    emit({ type: 'killed', n, point });
    process.kill(process.pid, 'SIGKILL');
  }
}

/** The SQLite journal with a checkpoint before and after each write that a crash could split. */
function wrapJournal(j: TradingJournal): TradingJournal {
  return new Proxy(j, {
    get(target, prop, receiver) {
      if (prop === 'writeOrder') {
        return (order: OrderRecord, event: OrderEventRecord) => {
          checkpoint(`journal.order.${event.kind}.before`);
          target.writeOrder(order, event);
          checkpoint(`journal.order.${event.kind}.after`);
        };
      }
      if (prop === 'writeFill') {
        return (fill: FillRecord, order: OrderRecord, event: OrderEventRecord, position: PositionRecord, balance: BalanceRecord) => {
          checkpoint('journal.fill.before');
          target.writeFill(fill, order, event, position, balance);
          checkpoint('journal.fill.after');
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`driver: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every open order settled with the exchange: nothing left "new" (unconfirmed) and no request in flight. */
async function settled(rig: LiveRig): Promise<void> {
  for (;;) {
    await rig.live.monitor.idle();
    if (rig.live.engine.openOrders().every((o) => o.status !== 'new')) {
      await rig.live.monitor.idle();
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

function view(rig: LiveRig) {
  const journal = new SqliteTradingJournal(rig.journal.db);
  const orders = [...journalView(journal).entries()].map(([clientOrderId, v]) => ({ clientOrderId, status: v.status, filled: format(v.filled), fills: v.fills, fillQty: format(v.fillQty) }));
  const emulated = journal.orders('binance:main', { status: 'all', limit: 100_000 }).filter((o) => o.emulated).map((o) => ({ clientOrderId: o.clientOrderId, triggered: o.triggered }));
  const totals: Record<string, string> = {};
  for (const b of rig.live.engine.accountSnapshot().balances) totals[b.asset] = format(dec(b.free) + dec(b.locked));
  return { orders, emulated, totals, engineOpen: rig.live.engine.openOrders().map((o) => ({ clientOrderId: o.clientOrderId, status: o.status })), report: rig.live.monitor.last };
}

async function scenario(rig: LiveRig): Promise<void> {
  const e = rig.live.engine;
  const R = args.round;
  const p0 = base.price;
  const id = (k: string) => `r${R}-${k}`;
  const place = async (k: string, request: Omit<OrderRequest, 'clientOrderId'>, until_: 'accepted' | 'filled' | 'cancelled') => {
    const o = e.submit({ ...request, clientOrderId: id(k) }, USER);
    await until(`${id(k)} ${until_}`, () => e.order(o.id)?.status === until_);
    await rig.live.monitor.idle();
    return o.id;
  };
  const px = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
  await place('buy', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, 'filled');
  const resting = await place('low', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.001', price: px(p0 * 0.7) }, 'accepted');
  e.cancel(resting);
  await until('the cancel', () => e.order(resting)?.status === 'cancelled');
  await rig.live.monitor.idle();
  await place('high', { symbol: 'BTC/USDT', side: 'sell', type: 'limit', qty: '0.003', price: px(p0 * 1.3) }, 'accepted');
  await place('sell', { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.002' }, 'filled');
  // An emulated stop: the engine holds it; each round's trigger is a little higher than the last round's,
  // so firing this one never fires a stop an earlier (killed) round left behind.
  const trigger = p0 - 1000 + R;
  const stop = e.submit({ symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '0.002', triggerPrice: px(trigger), clientOrderId: id('stop') }, USER);
  await rig.live.monitor.idle();
  rig.price('BTC/USDT', trigger - 0.5);
  await until('the stop', () => e.order(stop.id)?.status === 'filled');
  await rig.live.monitor.idle();
  rig.price('BTC/USDT', p0);
}

/** The code the driver will run, loaded before its round: nothing here touches the journal or the exchange. */
async function warmUp(): Promise<void> {
  await loadExchangeClass('binance');
  // ccxt imports its own undici at its first request: the same file, from where ccxt's package resolves it.
  try {
    await import(pathToFileURL(createRequire(createRequire(import.meta.url).resolve('ccxt')).resolve('undici')).href);
  } catch {
    // Another layout: ccxt loads it at its first request instead.
  }
}

await warmUp();
emit({ type: 'ready' });
const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string> => {
  const r = await input.next();
  if (r.done) process.exit(0); // The test ended without giving this (spare) driver a round.
  return r.value as string;
};
args = JSON.parse(await nextLine()) as DriverArgs;
// Warnings and errors to stderr: the test shows them when something does not add up.
const log = createLogger((line) => process.stderr.write(line + '\n'), 'warn');
const rig = await openLiveRig({ log, origin: base.origin, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, dataDir: base.dataDir, wrapJournal, probe: (point) => checkpoint(`broker.${point}`), timeoutMs: 2_000, pollMs: 50, prices: { 'BTC/USDT': base.price } });
await settled(rig);
phase = 'off';
n = 0;
emit({ type: 'reconciled', view: view(rig) });
if (!args.reconcileOnly) {
  // The test compares this report with the exchange before the scenario changes anything.
  await nextLine();
  phase = 'scenario';
  await scenario(rig);
  phase = 'off';
  emit({ type: 'done', points });
}
rig.close();
process.exit(0);
