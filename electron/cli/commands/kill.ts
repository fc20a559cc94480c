// `keel kill`: pulls the kill switch of a running Keel (desktop or `keel serve`) from a terminal, through
// the engine's local control channel: every open order cancelled but the reduce-only stops and targets
// protecting positions, with --flatten every position closed,
// new entries blocked until re-armed in the app. It does not need the window or the browser tab to answer.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { countOf } from '../../../shared/domain/plural.ts';
import { defaultDataDir } from '../../app/data-dir.ts';
import { sendControl } from '../../risk/control/control-client.ts';
import type { KillReport } from '../../risk/kill-switch.ts';
import type { CliIo } from '../io.ts';
import { refuseRepeated, usageError } from '../args.ts';
import { isoTime } from '../../../shared/domain/iso-time.ts';

const USAGE = 'keel kill [--flatten] [--reason TEXT] [--data-dir DIR]';

export async function runKill(argv: string[], io: CliIo): Promise<number> {
  const options = { flatten: { type: 'boolean' }, reason: { type: 'string' }, 'data-dir': { type: 'string' } } as const;
  let values: { flatten?: boolean; reason?: string; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
    refuseRepeated(argv, options);
  } catch (err) {
    return usageError(io, err, USAGE, options);
  }
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());
  const flatten = values.flatten ?? false;
  const answer = await sendControl(dataDir, { command: 'kill', flatten, reason: values.reason ?? `keel kill${flatten ? ' --flatten' : ''} from a terminal` });
  if (!answer.ok) {
    io.err(`keel kill: ${answer.error}`);
    return 1;
  }
  const r = answer.result as KillReport;
  const before = r.before;
  // Pulled again on an engaged switch: said as such, with the engagement it found, not as if it had been armed.
  const was = before ? `Kill switch was already engaged (since ${before.at === null ? 'an unknown time' : isoTime(before.at)}, by ${before.by ?? '?'} via ${before.via ?? '?'}: ${before.reason ?? 'no reason given'}); pulled again: ` : 'Kill switch engaged: ';
  io.out(`${was}${countOf(r.cancelled, 'order')} cancelled${flatten ? `, ${countOf(r.flattened, 'position')} sent a closing order` : ''} in ${r.ms.toFixed(1)} ms. New entries are blocked until you re-arm in Keel.`);
  for (const f of r.failures) io.err(`keel kill: could not ${f}`);
  return r.failures.length ? 1 : 0;
}
