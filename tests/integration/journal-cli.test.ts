// `keel journal verify|backup|export` run as the user runs them: `node bin/keel.js journal ...` in a
// child process, on a temporary data dir.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalPath } from '../../electron/app/data-dir.ts';
import { AuditLog } from '../../electron/journal/audit-log.ts';
import { auditHash } from '../../electron/journal/audit-hash.ts';
import { CandleStore } from '../../electron/journal/candle-store.ts';
import { latestVersion } from '../../electron/journal/migrate.ts';
import { openJournal, type Journal } from '../../electron/journal/open-journal.ts';
import { verifyAuditChain } from '../../electron/journal/verify-chain.ts';
import type { Candle } from '../../shared/domain/candle.ts';
import { tamper } from '../helpers/audit-journal.ts';
import { writeTradingRows } from '../helpers/trading-rows.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const KEEL = path.join(repoRoot, 'bin', 'keel.js');
const T0 = Date.UTC(2024, 2, 1);
const HOUR = 3_600_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keel-cli-journal-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.KEEL_DATA_DIR;
  return e;
}

function keel(args: string[]) {
  const r = spawnSync(process.execPath, [KEEL, 'journal', ...args], { cwd: dir, env: env(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function keelAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [KEEL, 'journal', ...args], { cwd: dir, env: env() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** A data dir whose journal holds `rows` audit rows, one an hour from T0, with awkward details on row 2. */
function dataDirWith(name: string, rows: number): { dataDir: string; file: string; hashes: string[] } {
  const dataDir = path.join(dir, name);
  const journal = openJournal(journalPath(dataDir));
  let t = T0 - HOUR;
  const log = new AuditLog(journal.db, { now: () => (t += HOUR) });
  const hashes: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const details = i === 2 ? { note: 'a, "quoted"\nline' } : { i, symbol: 'BTC/USDT' };
    hashes.push(log.append({ actor: i % 2 ? 'user' : 'strategy:grid', action: 'order.submit', details }).hash);
  }
  journal.close();
  return { dataDir, file: journalPath(dataDir), hashes };
}

function raw(file: string, fn: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe('keel journal verify', () => {
  it('reports OK with the row count and head', () => {
    const { dataDir, hashes } = dataDirWith('ok', 5);
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`audit chain OK: 5 rows, head seq 5 hash ${hashes[4]}`);
  });

  it('reports an empty log as OK', () => {
    const dataDir = path.join(dir, 'empty');
    openJournal(journalPath(dataDir)).close();
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('audit chain OK: 0 rows (the log is empty)');
  });

  it('finds details edited behind the triggers: hash mismatch at that seq', () => {
    const { dataDir, file } = dataDirWith('edited-details', 6);
    raw(file, (db) => tamper(db, `UPDATE audit_log SET details = '{"i":4,"symbol":"ETH/USDT"}' WHERE seq = 4`));
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^keel journal verify: audit chain BROKEN at seq 4: hash mismatch: row 4 stores [0-9a-f]{64}, but its fields hash to [0-9a-f]{64}\n/);
    expect(r.err).toContain('(3 rows before it are intact;');
  });

  it('finds a deleted row: gap at the missing seq', () => {
    const { dataDir, file } = dataDirWith('deleted', 6);
    raw(file, (db) => tamper(db, 'DELETE FROM audit_log WHERE seq = 3'));
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('audit chain BROKEN at seq 3: gap in seq: row 3 is missing (row 2 is followed by row 4)');
  });

  it('finds an edited hash: hash mismatch at that seq', () => {
    const { dataDir, file } = dataDirWith('edited-hash', 6);
    raw(file, (db) => tamper(db, 'UPDATE audit_log SET hash = ? WHERE seq = 5', 'e'.repeat(64)));
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`audit chain BROKEN at seq 5: hash mismatch: row 5 stores ${'e'.repeat(64)}`);
  });

  it('finds a row edited and re-hashed: prev_hash mismatch at the next seq', () => {
    const { dataDir, file, hashes } = dataDirWith('rehashed', 6);
    raw(file, (db) => {
      const details = '{"i":2,"symbol":"ETH/USDT"}';
      tamper(db, 'UPDATE audit_log SET details = ?, hash = ? WHERE seq = 2', details, auditHash({ seq: 2, ts: T0 + HOUR, actor: 'strategy:grid', action: 'order.submit', details, prevHash: hashes[0]! }));
    });
    const r = keel(['verify', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`audit chain BROKEN at seq 3: prev_hash mismatch: row 3 links to ${hashes[1]}, but row 2's hash is`);
  });

  it('fails on a missing journal and on stray arguments', () => {
    const missing = path.join(dir, 'nowhere');
    expect(keel(['verify', '--data-dir', missing])).toEqual({ code: 1, out: '', err: `keel journal verify: no journal at ${journalPath(missing)}\n` });
    expect(existsSync(missing)).toBe(false);
    const r = keel(['verify', 'extra', '--data-dir', missing]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('keel journal verify takes no arguments, got: extra\nrun keel journal --help for every option\n');
    expect(keel(['frobnicate']).code).toBe(2);
  });
});

describe('keel journal backup', () => {
  function candles(n: number, from = 0): Candle[] {
    return Array.from({ length: n }, (_, i) => ({ t: (from + i) * 60_000, o: 100 + i, h: 102 + i, l: 99 + i, c: 101 + i, v: i }));
  }
  const key = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1m' } as const;

  it('copies a journal another connection holds open with uncheckpointed WAL content, and the copy verifies', () => {
    const dataDir = path.join(dir, 'live');
    const writer: Journal = openJournal(journalPath(dataDir));
    try {
      const log = new AuditLog(writer.db);
      new CandleStore(writer.db).upsert(key, candles(500));
      for (let i = 0; i < 50; i++) log.append({ actor: 'user', action: 'order.submit', details: { i } });
      // Everything above is still in the WAL, not in the main file.
      expect(statSync(`${writer.file}-wal`).size).toBeGreaterThan(0);

      const target = path.join(dir, 'live-backup.sqlite');
      const r = keel(['backup', target, '--data-dir', dataDir]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`backed up ${writer.file} to ${target} (`);
      expect(r.out).toContain(`the backup opens; audit chain OK: 50 rows, head seq 50 hash ${log.head()!.hash}`);

      // One self-contained file: no WAL beside it, no partial file left.
      expect(existsSync(`${target}-wal`)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
      const copy = new Database(target, { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(verifyAuditChain(copy)).toMatchObject({ ok: true, rows: 50 });
      expect(new CandleStore(copy).count(key)).toBe(500);
      copy.close();

      // The running journal goes on as before.
      log.append({ actor: 'user', action: 'order.cancel', details: {} });
      expect(verifyAuditChain(writer.db)).toMatchObject({ ok: true, rows: 51 });
    } finally {
      writer.close();
    }
  });

  it('copies a consistent snapshot while the journal is being written', async () => {
    const dataDir = path.join(dir, 'busy');
    const writer = openJournal(journalPath(dataDir));
    try {
      const store = new CandleStore(writer.db);
      const log = new AuditLog(writer.db);
      store.upsert(key, candles(60_000)); // a few MB: several backup steps
      const target = path.join(dir, 'busy-backup.sqlite');
      const running = keelAsync(['backup', target, '--data-dir', dataDir]);
      let n = 0;
      const timer = setInterval(() => {
        writer.db.transaction(() => {
          store.upsert(key, candles(50, 60_000 + n * 50));
          log.append({ actor: 'system', action: 'market.sync', details: { n } });
        })();
        n++;
      }, 5);
      const r = await running;
      clearInterval(timer);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const copy = new Database(target, { readonly: true });
      const chain = verifyAuditChain(copy);
      expect(chain.ok).toBe(true);
      // A snapshot: the candles and the audit rows of the same transactions, nothing half-written.
      const rows = chain.ok ? chain.rows : -1;
      expect(new CandleStore(copy).count(key)).toBe(60_000 + rows * 50);
      copy.close();
    } finally {
      writer.close();
    }
  });

  // A bad FILE is the command line's to change, as a bad --out is: exit 2, as every usage error of the CLI.
  it('refuses to overwrite a file unless --force, and refuses the journal itself', () => {
    const { dataDir, file } = dataDirWith('overwrite', 3);
    const target = path.join(dir, 'exists.sqlite');
    writeFileSync(target, 'precious');
    const refused = keel(['backup', target, '--data-dir', dataDir]);
    expect(refused).toEqual({ code: 2, out: '', err: `keel journal backup: ${target} exists; pass --force to replace it\nrun keel journal backup --help for every option\n` });
    expect(readFileSync(target, 'utf8')).toBe('precious');

    const forced = keel(['backup', target, '--force', '--data-dir', dataDir]);
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('audit chain OK: 3 rows');

    const self = keel(['backup', file, '--force', '--data-dir', dataDir]);
    expect(self.code).toBe(2);
    expect(self.err).toContain('is the journal itself');
    const intact = keel(['verify', '--data-dir', dataDir]);
    expect(intact.code).toBe(0);

    const noFolder = path.join(dir, 'no-such-dir');
    expect(keel(['backup', path.join(noFolder, 'b.sqlite'), '--data-dir', dataDir])).toEqual({ code: 2, out: '', err: `keel journal backup: ${path.join(noFolder, 'b.sqlite')}: the folder ${noFolder} does not exist; create it first, or give a file in a folder that does\nrun keel journal backup --help for every option\n` });
    const aFile = path.join(dir, 'a-file');
    writeFileSync(aFile, 'x');
    expect(keel(['backup', path.join(aFile, 'b.sqlite'), '--data-dir', dataDir])).toEqual({ code: 2, out: '', err: `keel journal backup: ${path.join(aFile, 'b.sqlite')}: ${aFile} is a file, not a folder\nrun keel journal backup --help for every option\n` });
    // No journal in the data directory: not the FILE's fault (exit 1, as keel journal verify and export).
    expect(keel(['backup', path.join(dir, 'none.sqlite'), '--data-dir', path.join(dir, 'no-journal-here')]).code).toBe(1);
    expect(keel(['backup', '--data-dir', dataDir]).code).toBe(2);
    // A folder, --force or not: refused, naming a file to give (with --force it crashed on rename, EISDIR).
    const folder = path.join(dir, 'backups');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'keep.txt'), 'kept');
    for (const force of [[], ['--force']]) {
      expect(keel(['backup', folder, ...force, '--data-dir', dataDir])).toEqual({ code: 2, out: '', err: `keel journal backup: ${folder} is a folder; give a file name in it, e.g. ${path.join(folder, 'keel-backup.sqlite')}\nrun keel journal backup --help for every option\n` });
    }
    expect(readdirSync(folder)).toEqual(['keep.txt']);
    // Nor a pipe or a device, --force or not (as root, /dev/stdout once became a plain file); nor an export there.
    const fifo = path.join(dir, 'backup-pipe');
    execFileSync('mkfifo', [fifo]);
    for (const force of [[], ['--force']]) {
      expect(keel(['backup', fifo, ...force, '--data-dir', dataDir])).toEqual({ code: 2, out: '', err: `keel journal backup: ${fifo} is not a regular file (a device, a pipe or a socket); a backup is written beside it and renamed into place, which would replace it: give a file name\nrun keel journal backup --help for every option\n` });
    }
    const exported = keel(['export', '--what', 'audit', '--out', fifo, '--force', '--data-dir', dataDir]);
    expect(exported.code).not.toBe(0);
    expect(exported.err).toContain(`--out ${fifo} is not a regular file`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('keeps the copy of a tampered journal but says its chain is broken', () => {
    const { dataDir, file } = dataDirWith('tampered-backup', 4);
    raw(file, (db) => tamper(db, 'DELETE FROM audit_log WHERE seq = 2'));
    const target = path.join(dir, 'tampered-backup.sqlite');
    const r = keel(['backup', target, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('but its audit chain is BROKEN at seq 2: gap in seq');
    expect(existsSync(target)).toBe(true);
  });
});

describe('keel journal export', () => {
  it('writes the audit log as RFC 4180 CSV with ISO UTC and epoch-ms times', () => {
    const { dataDir, hashes } = dataDirWith('export-audit', 30);
    const out = path.join(dir, 'audit.csv');
    const r = keel(['export', '--what', 'audit', '--out', out, '--data-dir', dataDir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(`exported 30 rows of the audit log to ${out}`);
    const records = readFileSync(out, 'utf8').split('\r\n');
    expect(records[0]).toBe('seq,time,time_ms,actor,action,details,prev_hash,hash');
    expect(records[1]).toBe(`1,2024-03-01T00:00:00.000Z,${T0},user,order.submit,"{""i"":1,""symbol"":""BTC/USDT""}",${'0'.repeat(64)},${hashes[0]}`);
    expect(records[2]).toBe(`2,2024-03-01T01:00:00.000Z,${T0 + HOUR},strategy:grid,order.submit,"{""note"":""a, \\""quoted\\""\\nline""}",${hashes[0]},${hashes[1]}`);
    expect(records).toHaveLength(32);
  });

  it('keeps to --from and --to', () => {
    const { dataDir } = dataDirWith('export-range', 30); // 2024-03-01T00:00 to 2024-03-02T05:00, hourly
    const out = path.join(dir, 'range.csv');
    expect(keel(['export', '--what', 'audit', '--out', out, '--from', '2024-03-02', '--data-dir', dataDir]).out.trim()).toBe(`exported 6 rows of the audit log to ${out}`);
    const r = keel(['export', '--what', 'audit', '--out', out, '--force', '--from', '2024-03-01T10:00:00Z', '--to', '2024-03-01T12:00:00Z', '--data-dir', dataDir]);
    expect(r.out.trim()).toBe(`exported 3 rows of the audit log to ${out}`);
    expect(readFileSync(out, 'utf8').split('\r\n').slice(1, 4).map((l) => l.split(',')[1])).toEqual(['2024-03-01T10:00:00.000Z', '2024-03-01T11:00:00.000Z', '2024-03-01T12:00:00.000Z']);
    // A range with nothing in it says so, not only "0 rows", so the header-only file does not read as a failure.
    const none = keel(['export', '--what', 'audit', '--out', out, '--force', '--from', '2025-01-01', '--data-dir', dataDir]);
    expect(none.out.trim()).toBe(`exported 0 rows of the audit log to ${out} (none from 2025-01-01T00:00:00Z to the end: the header only)`);
  });

  it('writes orders and fills from the trading engine\'s tables', () => {
    const dataDir = path.join(dir, 'export-trading');
    const journal = openJournal(journalPath(dataDir));
    writeTradingRows(journal.db);
    journal.close();

    const orders = path.join(dir, 'orders.csv');
    expect(keel(['export', '--what', 'orders', '--out', orders, '--data-dir', dataDir]).out.trim()).toBe(`exported 3 rows of orders to ${orders}`);
    const o = readFileSync(orders, 'utf8').split('\r\n');
    expect(o[0]).toMatch(/^created,created_ms,updated,updated_ms,account,seq,id,client_order_id,symbol,side,type,status,qty,filled_qty,avg_fill_price,/);
    expect(o[1]).toContain(',paper,1,paper-1,c1,BTC/USDT,buy,limit,filled,1.5,1.5,42000.166666666666666666,0.063,42000.5,');
    expect(o[2]).toContain(',"kill switch, all orders cancelled",');
    expect(o[3]).toContain(',strategy:grid,"{""kind"":""strategy"",""id"":""grid""}",,grid level 3,');
    expect(o).toHaveLength(5);

    const fills = path.join(dir, 'fills.csv');
    expect(keel(['export', '--what', 'fills', '--out', fills, '--to', '2024-03-01T00:00:01Z', '--data-dir', dataDir]).out.trim()).toBe(`exported 1 row of fills to ${fills}`);
    expect(readFileSync(fills, 'utf8').split('\r\n')[1]).toBe(`2024-03-01T00:00:01.000Z,${T0 + 1000},paper,1,fill-1,paper-1,c1,BTC/USDT,buy,42000.5,0.5,21000.25,0.021,USDT,0,maker,user,"{""kind"":""user""}",`);
  });

  it('refuses an existing file without --force, bad kinds and bad dates', () => {
    const { dataDir } = dataDirWith('export-refuse', 2);
    const out = path.join(dir, 'taken.csv');
    writeFileSync(out, 'mine');
    // A bad --out exits 2, as a bad flag does (and as in keel backtest and keel export): the command line is what to change.
    expect(keel(['export', '--what', 'audit', '--out', out, '--data-dir', dataDir])).toEqual({ code: 2, out: '', err: `keel journal export: ${out} exists; pass --force to replace it\nrun keel journal export --help for every option\n` });
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(keel(['export', '--what', 'trades', '--out', out, '--data-dir', dataDir]).err).toContain('--what must be one of orders, fills, audit');
    expect(keel(['export', '--what', 'audit', '--data-dir', dataDir]).err).toContain('--out FILE.csv is required');
    // The export is CSV whatever the name: a .json name is refused, naming the .csv it would take.
    const json = path.join(dir, 'audit.json');
    const named = keel(['export', '--what', 'audit', '--out', json, '--data-dir', dataDir]);
    expect(named.code).toBe(2);
    expect(named.err).toContain(`--out ${json}: the export is CSV, not .json; name it ${path.join(dir, 'audit')}.csv`);
    expect(existsSync(json)).toBe(false);
    const bad = keel(['export', '--what', 'audit', '--out', out, '--from', '2024-03-01 10:00', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('give a UTC date (2024-03-01)');
  });

  it("sweeps the partial files exports to the same name left when stopped (Ctrl+C), not a running one's", () => {
    const { dataDir } = dataDirWith('export-swept', 3);
    const folder = path.join(dir, 'swept');
    mkdirSync(folder);
    const out = path.join(folder, 'audit.csv');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    // An export stopped by Ctrl+C leaves its partial file: the export runs synchronously, so no handler runs.
    writeFileSync(`${out}.partial-${dead}`, 'seq,time,time_ms');
    writeFileSync(`${out}.partial-${process.pid}`, 'an export under way'); // this test's process runs
    writeFileSync(path.join(folder, `orders.csv.partial-${dead}`), 'another name: not for this export to sweep');
    expect(keel(['export', '--what', 'audit', '--out', out, '--data-dir', dataDir]).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['audit.csv', `audit.csv.partial-${process.pid}`, `orders.csv.partial-${dead}`]);
  });

  it('never exports over the journal itself, names a missing folder, and says when the journal is not a database', () => {
    const { dataDir, file } = dataDirWith('export-own', 3);
    const over = keel(['export', '--what', 'audit', '--out', file, '--force', '--data-dir', dataDir]);
    expect(over).toEqual({ code: 2, out: '', err: `keel journal export: --out ${file} is the journal file this command reads; writing there would replace it, so give another name\nrun keel journal export --help for every option\n` });
    expect(keel(['verify', '--data-dir', dataDir]).out).toContain('audit chain OK: 3 rows');
    // Before, Node's ENOENT for the partial file came with a stack trace.
    const missing = keel(['export', '--what', 'audit', '--out', path.join(dir, 'nowhere', 'a.csv'), '--data-dir', dataDir]);
    expect(missing).toEqual({ code: 2, out: '', err: `keel journal export: --out ${path.join(dir, 'nowhere', 'a.csv')}: the folder ${path.join(dir, 'nowhere')} does not exist; create it first, or give a file in a folder that does\nrun keel journal export --help for every option\n` });
    // A journal written over by something else: said in words, not SqliteError's stack.
    writeFileSync(file, 'time,open,high,low,close\n');
    const notDb = keel(['verify', '--data-dir', dataDir]);
    expect(notDb.code).toBe(1);
    expect(notDb.err).toBe(`keel journal verify: ${file} is not a Keel journal: SQLite cannot read it as a database (was it written over?); restore it from a backup (keel journal backup makes them), or move it aside and Keel starts a new one\n`);
  });
});
