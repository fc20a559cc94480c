import type { Migration } from './migration.ts';
import type { Candle } from '../../../shared/domain/candle.ts';
import { blockBytes, blockSpanMs, blockStartOf, packCandles } from '../candle-blocks.ts';

// The columnar block index of the candles (candle-block-index.ts): each series' candles again, packed
// per span of open times as one BLOB of column arrays (layout in candle-blocks.ts), so a long read into
// typed arrays copies about a thousand BLOBs instead of stepping through a million rows. Derived from the
// candles table and kept in the same transactions as it; built here for the candles already stored.
//
// The build uses the current block code rather than a copy: the blocks are an index, not a record, and
// a change to their span or layout comes with a migration of its own that rebuilds them.
export const candleBlocks: Migration = {
  version: 5,
  name: 'candle-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE candle_blocks (
        series_id   INTEGER NOT NULL REFERENCES series(id),
        block_start INTEGER NOT NULL,
        count       INTEGER NOT NULL,
        data        BLOB NOT NULL,
        PRIMARY KEY (series_id, block_start)
      ) WITHOUT ROWID;
    `);
    const series = db.prepare<[], [id: number, timeframe: string]>('SELECT id, timeframe FROM series ORDER BY id').raw().all();
    const nextTs = db.prepare<[number, number], number | null>('SELECT min(ts) FROM candles WHERE series_id = ? AND ts >= ?').pluck();
    type Row = [t: number, o: number, h: number, l: number, c: number, v: number | null];
    const inBlock = db.prepare<[number, number, number], Row>('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts').raw();
    const put = db.prepare<[number, number, number, Buffer]>('INSERT INTO candle_blocks (series_id, block_start, count, data) VALUES (?, ?, ?, ?)');
    for (const [id, timeframe] of series) {
      const span = blockSpanMs(timeframe);
      // One block's rows at a time (a seek to the next stored candle skips gaps): memory stays one block.
      for (let next = nextTs.get(id, Number.MIN_SAFE_INTEGER); next !== null && next !== undefined; ) {
        const start = blockStartOf(next, span);
        const candles: Candle[] = inBlock.all(id, start, start + span).map(([t, o, h, l, c, v]) => ({ t, o, h, l, c, v }));
        put.run(id, start, candles.length, blockBytes(packCandles(candles, null, 0, candles.length)));
        next = nextTs.get(id, start + span);
      }
    }
  },
};
