// The app's import writes a new series in steps so the engine's thread keeps answering: between steps
// the series is nowhere to be read and other writes go through; at the end it appears whole; a failure
// leaves nothing; a series already stored is replaced the same way when the file has every time it has (the
// old one readable until one short swap, then deleted in steps), and merged in one transaction when it does
// not; a staging series an import left when the app stopped is dropped at the next start.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../electron/journal/open-journal.ts';
import { CandleStore, STEP_ROWS } from '../../../electron/journal/candle-store.ts';
import { toColumns } from '../../../electron/journal/candle-columns.ts';
import type { SeriesKey } from '../../../shared/domain/candle.ts';
import { MIN, minuteCandles, T0 } from '../../helpers/minute-candles.ts';

const btc: SeriesKey = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' };
const eth: SeriesKey = { exchange: 'local', symbol: 'ETH/USDT', timeframe: '1m' };

const N = 2 * STEP_ROWS + 777;

describe('CandleStore.upsertColumnsInSteps', () => {
  let journal: Journal;
  let store: CandleStore;
  beforeEach(() => {
    journal = openJournal(':memory:');
    store = new CandleStore(journal.db);
  });
  afterEach(() => journal.close());

  const seriesRows = () => journal.db.prepare('SELECT exchange FROM series ORDER BY id').pluck().all() as string[];

  it('writes a new series in steps, invisible until the last one, with other writes going through between them', async () => {
    const cs = minuteCandles(N);
    const seen: { listed: number; count: number; read: number; inTransaction: boolean }[] = [];
    const steps: number[] = [];
    let other = 0;
    const written = await store.upsertColumnsInSteps(
      btc,
      toColumns(cs),
      async () => {
        seen.push({ listed: store.listSeries().length, count: store.count(btc), read: store.readColumns(btc).length, inTransaction: journal.db.inTransaction });
        // The engine's own writes between steps: nothing holds the journal meanwhile.
        store.upsert(eth, minuteCandles(1, T0 + other++ * MIN));
      },
      (done) => steps.push(done),
    );
    expect(written).toBe(N);
    expect(steps).toEqual([STEP_ROWS, 2 * STEP_ROWS, N]);
    // Listed: only the other series, once its first write is in; BTC/USDT is nowhere until the end.
    expect(seen).toEqual([
      { listed: 0, count: 0, read: 0, inTransaction: false },
      { listed: 1, count: 0, read: 0, inTransaction: false },
      { listed: 1, count: 0, read: 0, inTransaction: false },
    ]);
    expect(store.read(btc)).toEqual(cs);
    expect(store.count(btc)).toBe(N);
    expect(store.listSeries().map((s) => [s.symbol, s.count])).toEqual([
      ['BTC/USDT', N],
      ['ETH/USDT', 3],
    ]);
    expect(seriesRows()).toEqual(['local', 'local']);
  });

  it('leaves nothing when a step fails, not even the staging series', async () => {
    let pauses = 0;
    const failing = store.upsertColumnsInSteps(btc, toColumns(minuteCandles(N)), async () => {
      if (++pauses === 2) throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(store.count(btc)).toBe(0);
    expect(store.listSeries()).toEqual([]);
    expect(seriesRows()).toEqual([]);
  });

  it('replaces a stored series the file covers in steps: the old one is read until one short swap, then deleted in steps', async () => {
    // The same market downloaded again, longer, with new values at the old times.
    store.upsert(btc, minuteCandles(STEP_ROWS + 5, T0, 50));
    const cs = minuteCandles(N);
    const seen: { count: number; first: number; inTransaction: boolean; series: number }[] = [];
    let other = 0;
    await store.upsertColumnsInSteps(btc, toColumns(cs), async () => {
      const read = store.readColumns(btc);
      seen.push({ count: read.length, first: read.o[0]!, inTransaction: journal.db.inTransaction, series: seriesRows().length });
      store.upsert(eth, minuteCandles(1, T0 + other++ * MIN));
    });
    // Checking the file has every stored time, then writing the new series: the old one reads whole; from the
    // swap on, the new one does, while the old one is deleted in steps. Never inside a transaction.
    const swap = seen.findIndex((x) => x.first === 100);
    expect(swap).toBe(6);
    expect(seen.slice(0, swap).every((x) => x.count === STEP_ROWS + 5 && x.first === 50)).toBe(true);
    expect(seen.slice(swap).every((x) => x.count === N && x.first === 100)).toBe(true);
    expect(seen.length).toBeGreaterThan(swap);
    expect(seen.some((x) => x.inTransaction)).toBe(false);
    expect(store.read(btc)).toEqual(cs);
    expect(seriesRows()).toEqual(['local', 'local']);
    expect(journal.db.prepare('SELECT count(*) FROM candles').pluck().get()).toBe(N + seen.length);
  });

  it('extends a stored series in one transaction, never pausing, when the file leaves out some of its times', async () => {
    store.upsert(btc, minuteCandles(10, T0 - 10 * MIN));
    let pauses = 0;
    await store.upsertColumnsInSteps(btc, toColumns(minuteCandles(N)), async () => {
      pauses++;
    });
    expect(pauses).toBe(0);
    expect(store.count(btc)).toBe(N + 10);
  });

  // Made: a new series' staging would have taken its name. Held (the file covers it): the swap would have lost the minute.
  it.each([
    ['made', 0],
    ['held', 10],
  ])('merges into the series a feed %s and stored a new minute in while the steps went', async (_, held) => {
    if (held > 0) store.upsert(btc, minuteCandles(held));
    const cs = minuteCandles(N);
    let pauses = 0;
    await store.upsertColumnsInSteps(btc, toColumns(cs), async () => {
      // A feed storing the same market's newest minute, after the file's last.
      if (++pauses === 1) store.upsert(btc, minuteCandles(1, T0 + N * MIN, 7));
    });
    expect(store.count(btc)).toBe(N + 1);
    expect(store.read(btc).slice(0, N)).toEqual(cs);
    expect(seriesRows()).toEqual(['local']);
  });

  it('drops what an import left when the app stopped while it wrote', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    // The import's first step is written, then the app "stops": its pause never returns.
    void store.upsertColumnsInSteps(btc, toColumns(minuteCandles(N)), () => {
      stop();
      return new Promise<void>(() => {});
    });
    await stopped;
    expect(seriesRows()).toHaveLength(1);
    expect(store.listSeries()).toEqual([]);
    const next = new CandleStore(journal.db);
    expect(next.dropUnfinishedImports()).toBe(1);
    expect(seriesRows()).toEqual([]);
    expect(journal.db.prepare('SELECT count(*) FROM candles').pluck().get()).toBe(0);
    expect(journal.db.prepare('SELECT count(*) FROM candle_blocks').pluck().get()).toBe(0);
    expect(next.dropUnfinishedImports()).toBe(0);
  });

  it('drops an old series a stop left half-deleted after its swap', async () => {
    store.upsert(btc, minuteCandles(STEP_ROWS + 5, T0, 50));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let pauses = 0;
    // Three steps of checking, three of writing the new series, the swap, one step of deleting the old one; then the app "stops".
    void store.upsertColumnsInSteps(btc, toColumns(minuteCandles(N)), () => {
      if (++pauses < 7) return Promise.resolve();
      stop();
      return new Promise<void>(() => {});
    });
    await stopped;
    expect(store.count(btc)).toBe(N);
    expect(seriesRows()).toHaveLength(2);
    expect(new CandleStore(journal.db).dropUnfinishedImports()).toBe(1);
    expect(seriesRows()).toEqual(['local']);
    expect(store.read(btc)).toEqual(minuteCandles(N));
    expect(journal.db.prepare('SELECT count(*) FROM candles').pluck().get()).toBe(N);
  });
});

describe('dropping unfinished imports', () => {
  it("leaves a staging series whose writer still runs (keel import while the app starts), and drops the others", async () => {
    const journal = openJournal(':memory:');
    const store = new CandleStore(journal.db);
    // A writer that still runs, and one that has exited.
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => gone.on('exit', resolve));
    try {
      const staging = (pid: number) => ({ ...btc, exchange: `~import-local-${pid}-1` });
      store.upsert(staging(running.pid!), minuteCandles(3));
      store.upsert(staging(gone.pid!), minuteCandles(3));
      store.upsert(staging(process.pid), minuteCandles(3));
      // This process asks at its start: its own are leftovers of an earlier one with the same id.
      expect(store.dropUnfinishedImports()).toBe(2);
      expect(journal.db.prepare('SELECT exchange FROM series').pluck().all()).toEqual([`~import-local-${running.pid}-1`]);
    } finally {
      running.kill();
      journal.close();
    }
  });
});

describe('a stepped import into a journal file', () => {
  it('folds the WAL into the database after each step, so no later commit has megabytes of it to copy at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-steps-wal-'));
    const file = join(dir, 'journal.sqlite');
    const journal = openJournal(file);
    try {
      // As the app runs it: the automatic checkpoint only as a backstop (idle-checkpoint.ts).
      journal.db.pragma('wal_autocheckpoint = 10000');
      const store = new CandleStore(journal.db);
      const walBytes = () => statSync(`${file}-wal`).size;
      const sizes: number[] = [];
      const n = 8 * STEP_ROWS;
      await store.upsertColumnsInSteps(btc, toColumns(minuteCandles(n)), async () => void sizes.push(walBytes()));
      // One step of 20,480 candles is ~1.5 MB of pages; eight would be ~12 MB in one WAL without the fold.
      const oneStep = sizes[0]!;
      expect(oneStep).toBeGreaterThan(500_000);
      expect(Math.max(...sizes)).toBeLessThan(2 * oneStep);
      expect(store.count(btc)).toBe(n);
    } finally {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
