// `keel bench`: runs the benchmark suites in tests/bench, prints one table, and can write flat JSON.
// It is a developer command: it runs from a source checkout, where tests/bench exists.
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSuite } from '../../../tests/bench/bench-types.ts';
import { TARGETS } from '../../../tests/bench/targets.ts';
import type { CliIo } from '../io.ts';
import { helpPointer, refuseRepeated, usageError } from '../args.ts';
import { nearestName } from '../../../shared/domain/nearest-name.ts';
import { checkOutputFile, OutputFileError } from '../output-file.ts';

const BENCH_DIR = fileURLToPath(new URL('../../../tests/bench/', import.meta.url));

export async function runBench(argv: string[], io: CliIo): Promise<number> {
  const options = { quick: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string' } } as const;
  let values: { quick?: boolean; json?: string; only?: string };
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
    refuseRepeated(argv, options);
  } catch (err) {
    return usageError(io, err, 'keel bench [--quick] [--json FILE] [--only NAME,...]', options);
  }
  const jsonFile = values.json === undefined ? undefined : resolve(io.cwd, values.json);
  try {
    // Before minutes of benchmarks, not after.
    if (jsonFile !== undefined) checkOutputFile('--json', jsonFile, 'bench.json');
  } catch (err) {
    if (!(err instanceof OutputFileError)) throw err;
    io.err(`keel bench: ${err.message}\n${helpPointer('keel bench')}`);
    return 2;
  }
  const files = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.bench.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const f of files) suites.push(((await import(pathToFileURL(join(BENCH_DIR, f)).href)) as { default: BenchSuite }).default);
  const wanted = values.only?.split(',').map((s) => s.trim());
  if (wanted) {
    const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
    if (unknown.length) {
      const names = suites.map((s) => s.name);
      const near = unknown.length === 1 ? nearestName(unknown[0]!, names) : null;
      io.err(`keel bench: unknown suite ${unknown.join(', ')};${near === null ? '' : ` did you mean ${near}?`} suites: ${names.join(', ')}\n${helpPointer('keel bench')}`);
      return 2;
    }
  }
  const quick = values.quick ?? false;
  const figures: Record<string, number> = {};
  let failed = 0;
  for (const suite of suites) {
    if (wanted && !wanted.includes(suite.name)) continue;
    io.err(`bench: ${suite.name}${quick ? ' (quick)' : ''}...`);
    try {
      Object.assign(figures, await suite.run({ quick, log: (l) => io.err(`  ${l}`) }));
    } catch (err) {
      failed++;
      io.err(`bench: ${suite.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  io.out(formatTable(figures, quick));
  if (jsonFile !== undefined) {
    writeFileSync(jsonFile, JSON.stringify({ quick, at: new Date().toISOString(), node: process.version, ...figures }, null, 2) + '\n');
    io.err(`bench: wrote ${jsonFile}`);
  }
  return failed ? 1 : 0;
}

export function formatTable(figures: Record<string, number>, quick: boolean): string {
  const rows = Object.entries(figures).map(([key, value]) => {
    const t = TARGETS[key];
    const target = t ? `${t.kind === 'max' ? '<' : '>='} ${fmt(t.value)}` : '';
    const verdict = !t ? '' : (t.kind === 'max' ? value < t.value : value >= t.value) ? 'ok' : 'MISSED';
    return [key, fmt(value), target, verdict];
  });
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const note = quick ? '\n(quick run: small sizes, figures are not comparable with a full run)' : '';
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + note;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Number(v.toPrecision(4)));
}
