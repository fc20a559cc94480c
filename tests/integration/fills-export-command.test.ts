// journal.exportFills as the Fills tab calls it (the real dispatcher of a Keel built as `keel serve` builds
// it, on a journal holding paper's fills and a live account's between them) against `keel journal export
// --what fills --account NAME` run as the user runs it on the same data directory: the tab's file holds that
// account's fills only, all of them, and is the CLI's file byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../electron/app/data-dir.ts';
import { createKeel, type Keel } from '../../electron/app/keel.ts';
import { memoryLogger } from '../../electron/app/logger.ts';
import { openJournal } from '../../electron/journal/open-journal.ts';
import type { CommandResponse, KeelErrorData } from '../../shared/contract/index.ts';
import { T0, writeAccountFills, writeTradingRows } from '../helpers/trading-rows.ts';

const KEEL = path.resolve(import.meta.dirname, '..', '..', 'bin', 'keel.js');
const ctx = { shell: 'browser' as const, peer: 'test' };

let dir: string;
let dataDir: string;
let keel: Keel;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-fills-export-'));
  dataDir = path.join(dir, 'data');
  const journal = openJournal(journalPath(dataDir));
  writeTradingRows(journal.db); // paper: three fills, one of them tagged by a strategy
  writeAccountFills(journal.db, 'binance:main', [
    { side: 'buy', price: '42010.12', qty: '0.0015', ts: T0 + 1500 },
    { side: 'sell', price: '42500.5', qty: '0.0005', ts: T0 + 86_400_000, tag: '-take profit' },
  ]);
  journal.close();
  keel = createKeel({ dataDir, shell: 'browser', log: memoryLogger(), market: { mode: 'none' }, control: false });
});

afterAll(async () => {
  await keel?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportFills(params: unknown): Promise<{ ok: true; result: CommandResponse<'journal.exportFills'> } | { ok: false; error: KeelErrorData }> {
  return (await keel.dispatch('journal.exportFills', params, ctx)) as { ok: true; result: CommandResponse<'journal.exportFills'> } | { ok: false; error: KeelErrorData };
}

function cliExport(args: string[]): { code: number | null; out: string; err: string } {
  const env = { ...process.env };
  delete env.KEEL_DATA_DIR;
  const r = spawnSync(process.execPath, [KEEL, 'journal', 'export', '--what', 'fills', ...args, '--data-dir', dataDir], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const records = (csv: string) => csv.split('\r\n').slice(1, -1);

describe('journal.exportFills', () => {
  it("exports the shown account's fills, all of them, as keel journal export --account writes them", async () => {
    // The account the trading.* commands act on when none is named: paper, as Keel always starts.
    const paper = await exportFills({});
    if (!paper.ok) throw new Error(paper.error.message);
    expect(paper.result).toMatchObject({ account: 'paper', fileName: 'keel-fills-paper.csv', rows: 3 });
    expect(records(paper.result.content).map((r) => r.split(',')[2])).toEqual(['paper', 'paper', 'paper']);
    const out = path.join(dir, 'paper.csv');
    const cli = cliExport(['--account', 'paper', '--out', out]);
    expect(cli).toEqual({ code: 0, out: `exported 3 rows of fills of paper to ${out}\n`, err: '' });
    expect(paper.result.content).toBe(readFileSync(out, 'utf8'));

    const live = await exportFills({ account: 'binance:main' });
    if (!live.ok) throw new Error(live.error.message);
    expect(live.result).toMatchObject({ account: 'binance:main', fileName: 'keel-fills-binance-main.csv', rows: 2 });
    const rows = records(live.result.content).map((r) => r.split(','));
    expect(rows.map((r) => [r[2], r[8], r[9], r[10], r[11]])).toEqual([
      ['binance:main', 'buy', '42010.12', '0.0015', '63.01518'],
      ['binance:main', 'sell', '42500.5', '0.0005', '21.25025'],
    ]);
    // A tag that starts like a formula is written as the CLI writes it, with a leading '.
    expect(rows[1]!.at(-1)).toBe("'-take profit");
    const liveOut = path.join(dir, 'live.csv');
    expect(cliExport(['--account', 'binance:main', '--out', liveOut]).code).toBe(0);
    expect(live.result.content).toBe(readFileSync(liveOut, 'utf8'));

    // Without --account the CLI still writes every account's fills.
    const all = path.join(dir, 'all.csv');
    expect(cliExport(['--out', all]).out).toBe(`exported 5 rows of fills to ${all}\n`);
  });

  it('refuses an account the journal has none of, naming the ones it has, in the app and the CLI alike', async () => {
    const refused = await exportFills({ account: 'papr' });
    expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'no account "papr" in this journal; its accounts: binance:main, paper' } });
    const out = path.join(dir, 'typo.csv');
    // Exit 1, as keel export's "no such series": it is the journal that has no such account (the app: not_found).
    expect(cliExport(['--account', 'papr', '--out', out])).toEqual({ code: 1, out: '', err: 'keel journal export: no account "papr" in this journal; its accounts: binance:main, paper\n' });
    const audit = spawnSync(process.execPath, [KEEL, 'journal', 'export', '--what', 'audit', '--account', 'paper', '--out', out, '--data-dir', dataDir], { cwd: dir, encoding: 'utf8' });
    expect(audit.status).toBe(2);
    expect(audit.stderr).toContain('keel journal export: --account keeps orders or fills to one account; the audit log is one log for every account');
    expect((await exportFills({ account: '' })).ok).toBe(false);
  });
});
