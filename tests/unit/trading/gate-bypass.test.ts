// The risk gate is the only door to a broker: nothing in the app can reach one around it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tradingHandlers } from '../../../electron/app/handlers/trading-handlers.ts';
import { riskRig } from '../risk/risk-rig.ts';
import { RiskGate, type GateOrder, type RiskContext, type RiskRule } from '../../../electron/risk/risk-gate.ts';
import type { Broker, BrokerListener, BrokerOrder } from '../../../electron/trading/broker.ts';
import { dec } from '../../../shared/trading/decimal.ts';
import { paperRig, USER } from './rig.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

function sourceFiles(dir: string, found: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!['node_modules', 'out', 'dist', 'release', '.git', 'test-results'].includes(e.name) && !e.name.startsWith('.')) sourceFiles(path.join(dir, e.name), found);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) found.push(path.join(dir, e.name));
  }
  return found;
}

/**
 * Files that may build a broker: the risk room and the composition roots (the app's trading services and
 * the backtest's paper stack, each building the paper broker inside a RiskGate; the live trading services,
 * the ccxt broker). Tests build them freely.
 */
const MAY_IMPORT_BROKERS = [/^electron\/app\/live-trading-services\.ts$/, /^electron\/risk\//, /^electron\/app\/trading-services\.ts$/, /^electron\/backtest\/paper-stack\.ts$/, /^tests\//];

/** Module specifiers a file imports at run time: `import type` brings in no code, so it cannot reach a broker. */
function runtimeImports(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.importClause?.namedBindings;
      const allTypes = named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly) && !node.importClause?.name;
      if (!allTypes) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specs;
}

describe('the risk gate cannot be bypassed', () => {
  const files = sourceFiles(ROOT);
  const brokerModules = files.filter((f) => /\bimplements\s+Broker\b/.test(readFileSync(f, 'utf8'))).map(rel);

  it('finds the broker implementations', () => {
    expect(brokerModules).toContain('electron/trading/paper/paper-broker.ts');
  });

  it('only the risk room and the composition root import a broker implementation', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const r = rel(file);
      if (MAY_IMPORT_BROKERS.some((re) => re.test(r))) continue;
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = rel(path.resolve(path.dirname(file), spec));
        if (brokerModules.includes(target)) offenders.push(`${r} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the engine and the gate expose no broker', () => {
    const r = paperRig();
    // Anything shaped like a broker that is not the gate itself.
    const isBroker = (v: unknown) =>
      typeof v === 'object' && v !== null && !(v instanceof RiskGate) && typeof (v as Broker).submit === 'function' && typeof (v as Broker).connect === 'function' && typeof (v as Broker).restore === 'function';
    const seen = new Set<unknown>();
    const reachable = (v: unknown, depth: number): unknown[] => {
      if (depth < 0 || typeof v !== 'object' || v === null || seen.has(v)) return [];
      seen.add(v);
      const out: unknown[] = [v];
      const names = new Set<string>();
      for (let o: object | null = v; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) for (const n of Object.getOwnPropertyNames(o)) names.add(n);
      for (const n of names) {
        if (n === 'constructor') continue;
        let value: unknown;
        try {
          value = (v as Record<string, unknown>)[n];
        } catch {
          continue;
        }
        out.push(...reachable(value, depth - 1));
      }
      return out;
    };
    const found = [...reachable(r.engine, 3), ...reachable(r.gate, 3)].filter(isBroker);
    expect(found).toEqual([]);
  });

  it('refused orders never reach the broker; cancels always do', () => {
    const calls: string[] = [];
    const spy: Broker = {
      info: { kind: 'paper', account: 'spy', nativeTypes: new Set(['market', 'limit']), inProcess: true, feeRates: () => ({ maker: 0n, taker: 0n }) },
      connect: (_l: BrokerListener) => calls.push('connect'),
      submit: (o: BrokerOrder) => calls.push(`submit ${o.id}`),
      cancel: (id: string) => calls.push(`cancel ${id}`),
      modify: (id: string) => calls.push(`modify ${id}`),
      restore: () => calls.push('restore'),
      close: () => calls.push('close'),
    };
    const never: RiskRule = { name: 'never', check: (o) => ({ rule: 'never', message: `never: no ${o.side} of ${o.qty}` }) };
    const gate = new RiskGate(() => spy, [never]);
    const order: GateOrder = {
      id: 'x1', clientOrderId: 'x1', symbol: 'TST/USDT', side: 'buy', type: 'limit', qty: dec('1'), filledQty: 0n, price: dec('1'), triggerPrice: null, trail: null,
      timeInForce: 'GTC', postOnly: false, reduceOnly: false, triggered: false, trailExtreme: null, submittedAt: 0, refPrice: dec('1'), ledger: 'user', origin: USER,
    };
    const account = { positions: () => [], position: () => undefined, markOf: () => Number.NaN, equityFloat: () => 0 };
    const ctx: RiskContext = { quoteAsset: 'USDT', positionQty: 0n, pendingBuyQty: 0n, pendingSellQty: 0n, lastPrice: null, cash: 0n, equity: 0n, now: 0, account };
    expect(gate.submit(order, ctx)).toEqual({ rule: 'never', message: 'never: no buy of 1000000000000000000' });
    expect(gate.modify(order, { qty: dec('2') }, dec('1'), ctx)?.rule).toBe('never');
    // Reducing exposure is not checked: a reduce-only order, and a sell against a long.
    expect(gate.submit({ ...order, id: 'x2', reduceOnly: true }, ctx)).toBeNull();
    expect(gate.submit({ ...order, id: 'x3', side: 'sell' }, { ...ctx, positionQty: dec('5') })).toBeNull();
    // A resting buy does not make a sell "reducing": the buy may be cancelled, and the sell then adds to a
    // short. Short 2.2 with a buy of 2.8 resting, a sell of 0.6 takes the worst case to a short of 2.8.
    const netFlat = { ...ctx, positionQty: dec('-2.2'), pendingBuyQty: dec('2.8') };
    expect(gate.submit({ ...order, id: 'x4', side: 'sell', qty: dec('0.6') }, netFlat)?.rule).toBe('never');
    // The same sell against a long of 2.2 (and a resting sell of 1.6) does reduce: it is sent unchecked.
    expect(gate.submit({ ...order, id: 'x5', side: 'sell', qty: dec('0.6') }, { ...ctx, positionQty: dec('2.2'), pendingSellQty: dec('1.6') })).toBeNull();
    gate.cancel('x1', 'test');
    expect(calls).toEqual(['submit x2', 'submit x3', 'submit x5', 'cancel x1']);
    // A rule that throws refuses (fail closed).
    const broken = new RiskGate(() => spy, [{ name: 'broken', check: () => { throw new Error('boom'); } }]);
    expect(broken.submit(order, ctx)?.message).toMatch(/broken: the rule failed \(boom\), so the order was refused/);
  });

  it('an engine cannot be given a second listener on the same broker', () => {
    const r = paperRig();
    expect(() => r.gate.connect({} as BrokerListener)).toThrow(/already has an engine connected/);
  });

  it('every order path goes through RiskGate.check before the broker sees it', async () => {
    const checked: string[] = [];
    const sent: string[] = [];
    // Every real check is recorded, then runs as it would.
    const original = RiskGate.prototype.check;
    RiskGate.prototype.check = function (this: RiskGate, order, ctx, kind) {
      if (kind !== 'preview') checked.push(order.id);
      return original.call(this, order, ctx, kind);
    };
    try {
      const r = riskRig({
        accountMode: 'margin',
        wrapBroker: (b) => ({
          info: b.info,
          connect: (l) => b.connect(l),
          submit: (o) => {
            sent.push(o.id);
            expect(checked).toContain(o.id);
            b.submit(o);
          },
          cancel: (id, reason) => b.cancel(id, reason),
          modify: (id, c) => {
            sent.push(`modify ${id}`);
            b.modify(id, c);
          },
          restore: (o) => b.restore(o),
          close: () => b.close(),
        }),
      });
      r.tick('BTC/USDT', 1_000, 100);
      // The UI: a command through the handlers (origin user).
      const ui = tradingHandlers(r.engine);
      const a = await ui['trading.submit']({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1', timeInForce: 'GTC', reduceOnly: false, postOnly: false }, { shell: 'browser', peer: 't' });
      // A strategy's engine.place, and the AI's.
      const b = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '90' }, { kind: 'strategy', id: 'sma' });
      const c = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '1', price: '91' }, { kind: 'ai', confidence: 0.9 });
      // A bracket: its children are placed by the engine as the entry fills.
      const d = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1', bracket: { stopLoss: { triggerPrice: '95' }, takeProfits: [{ price: '110', fraction: 1 }] } }, USER);
      r.tick('BTC/USDT', 2_000, 100);
      const children = r.engine.openOrders().filter((o) => o.parentId === d.id);
      expect(children).toHaveLength(2);
      // A modify that increases size.
      const before = checked.length;
      ui['trading.modify']({ orderId: b.id, qty: '2' }, { shell: 'browser', peer: 't' });
      expect(checked.length).toBe(before + 1);
      // Close and reverse.
      const close = r.engine.closePosition('BTC/USDT', 'user', USER);
      r.tick('BTC/USDT', 3_000, 100);
      r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' }, USER);
      r.tick('BTC/USDT', 4_000, 100);
      const reverse = r.engine.reversePosition('BTC/USDT', 'user', USER);
      for (const o of [a, b, c, d, ...children, close, reverse]) expect(checked).toContain(o.id);
      // Nothing reached the broker unchecked.
      for (const id of sent.filter((x) => !x.startsWith('modify '))) expect(checked).toContain(id);
      expect(sent).toContain(`modify ${b.id}`);
    } finally {
      RiskGate.prototype.check = original;
    }
  });

  it('an order the engine holds (an emulated stop) is checked when placed and again when it fires', () => {
    const checked: string[] = [];
    const original = RiskGate.prototype.check;
    RiskGate.prototype.check = function (this: RiskGate, order, ctx, kind) {
      if (kind !== 'preview') checked.push(order.id);
      return original.call(this, order, ctx, kind);
    };
    try {
      const r = riskRig({ nativeTypes: ['market', 'limit'] });
      r.tick('BTC/USDT', 1_000, 100);
      const stop = r.engine.place({ symbol: 'BTC/USDT', side: 'buy', type: 'stop-market', qty: '1', triggerPrice: '105' }, USER);
      expect(r.engine.openOrder(stop.id)?.emulated).toBe(true);
      expect(checked.filter((id) => id === stop.id)).toHaveLength(1);
      r.tick('BTC/USDT', 2_000, 106);
      expect(checked.filter((id) => id === stop.id)).toHaveLength(2);
      r.tick('BTC/USDT', 3_000, 106);
      expect(r.engine.positions()[0]?.qty).toBe('1');
    } finally {
      RiskGate.prototype.check = original;
    }
  });

  it('the risk service and its parts hold no broker', () => {
    const r = riskRig();
    const isBroker = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof RiskGate) && typeof (v as Broker).submit === 'function' && typeof (v as Broker).restore === 'function';
    const seen = new Set<unknown>();
    const walk = (v: unknown, depth: number): unknown[] => {
      if (depth < 0 || typeof v !== 'object' || v === null || seen.has(v)) return [];
      seen.add(v);
      const out: unknown[] = [v];
      for (const n of Object.getOwnPropertyNames(v)) {
        let value: unknown;
        try {
          value = (v as Record<string, unknown>)[n];
        } catch {
          continue;
        }
        out.push(...walk(value, depth - 1));
      }
      return out;
    };
    expect(walk(r.risk, 4).filter(isBroker)).toEqual([]);
  });
});
