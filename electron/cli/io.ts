// What a CLI command may touch of the outside world, so commands run the same in a terminal and in tests.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Whether stdout's reader has gone: `keel backtest … | head -1` closes the pipe after one line. What is
 * left to print has no reader, which is not the command's failure: it goes on (its --json and --html
 * reports are still written) and prints no more, where an unhandled EPIPE ended it with a stack trace.
 */
let stdoutGone = false;
let watching = false;
function watchStdout(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutGone = true;
  });
}

export const processIo: CliIo = {
  out: (line) => {
    watchStdout();
    if (!stdoutGone) process.stdout.write(line + '\n');
  },
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  cwd: process.cwd(),
};
