// Child process of the backtest bench: `keel backtest` exactly as bin/keel.js runs it (the CLI's main with
// the user's arguments and output), then its peak resident memory in MB on a last line of its own, so the
// figure is the command's alone. The parent times the whole process, Node's start included, as a user waits.
import { main } from '../../electron/cli/keel.ts';
import { processIo } from '../../electron/cli/io.ts';

const code = await main(process.argv.slice(2), processIo);
if (code !== 0) process.exit(code);
process.stdout.write(`peak-rss-mb ${process.resourceUsage().maxRSS / 1024}\n`);
