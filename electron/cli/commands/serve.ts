// `keel serve`: the same services as the desktop app, in plain Node, with the UI served to a browser.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { decimalNumber } from '../../../shared/domain/decimal-text.ts';
import { createKeel } from '../../app/keel.ts';
import { keychainTimeoutMs } from '../../secrets/keychain-timeout.ts';
import { stallLimitMs } from '../../backtest/stall-watch.ts';
import { defaultDataDir } from '../../app/data-dir.ts';
import { DataDirError } from '../../app/data-dir-lock.ts';
import { NotAJournalError } from '../../journal/open-journal.ts';
import { JournalVersionError } from '../../journal/migrate.ts';
import { createLogger } from '../../app/logger.ts';
import { startBridgeServer } from '../../server/bridge-server.ts';
import type { CliIo } from '../io.ts';
import { helpPointer, refuseRepeated, usageError } from '../args.ts';

const DEFAULT_PORT = 4747;
const STATIC_DIR = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const options = {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
  } as const;
  let values: { port?: string; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
    refuseRepeated(argv, options);
  } catch (err) {
    return usageError(io, err, 'keel serve [--port N] [--data-dir DIR]', options);
  }
  const port = values.port === undefined ? DEFAULT_PORT : decimalNumber(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`keel serve: --port must be a whole number from 0 to 65535 (0 picks a free port), got "${values.port}"\n${helpPointer('keel serve')}`);
    return 2;
  }
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.KEEL_DATA_DIR ?? defaultDataDir());
  const log = createLogger(io.err, io.env.KEEL_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  // A bad limit for strategies' calls or the keychain's, said before anything opens, not as a stack trace from inside it.
  try {
    stallLimitMs(io.env);
    keychainTimeoutMs(io.env);
  } catch (err) {
    io.err(`keel serve: ${(err as Error).message}`);
    return 2;
  }
  let keel;
  try {
    keel = createKeel({ dataDir, shell: 'browser', log });
  } catch (err) {
    // Another Keel on this data directory, or a journal that cannot be opened: said in words, not a stack.
    if (!(err instanceof DataDirError || err instanceof NotAJournalError || err instanceof JournalVersionError)) throw err;
    io.err(`keel serve: ${err.message}`);
    return 1;
  }

  let server;
  try {
    server = await startBridgeServer({ keel, log, staticDir: STATIC_DIR, port });
  } catch (err) {
    await keel.close();
    const code = (err as NodeJS.ErrnoException).code;
    io.err(code === 'EADDRINUSE' ? `keel serve: port ${port} is in use; pass --port N for another, or --port 0 for any free one` : `keel serve: ${(err as Error).message}`);
    return 1;
  }
  // `keel kill` must reach us from the moment anyone can know we are running.
  await keel.controlReady;
  // The trader's own strategies loaded and the saved running ones started again before anyone connects.
  await keel.ready;
  // Listen for the stop signals before printing the address: whoever reads the address may stop us at once.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  keel.announce(server.url);
  io.out(`Keel is running at ${server.url}`);
  io.out(`data: ${dataDir}  (Ctrl+C stops it)`);
  await stopped;
  await server.close();
  await keel.close();
  io.out('Keel stopped.');
  return 0;
}
