// The other end of the control channel, for `keel kill`: find the running Keel from the data directory's
// control file, send one command with its token, read the answer.
import net from 'node:net';
import { readControlFile } from './control-file.ts';
import type { ControlCommand } from './control-server.ts';

export type ControlAnswer = { ok: true; result: unknown } | { ok: false; error: string };

/** Whether a process with this pid is running (under any user). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function sendControl(dataDir: string, command: ControlCommand, timeoutMs = 5_000): Promise<ControlAnswer> {
  const file = readControlFile(dataDir);
  if (!file.ok) return { ok: false, error: file.reason };
  const { port, token, pid } = file.info;
  if (!processRunning(pid)) return { ok: false, error: `the Keel that used ${dataDir} (pid ${pid}) is not running; its control file was left behind` };
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    let done = false;
    const finish = (answer: ControlAnswer) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, error: `Keel (pid ${pid}) did not answer within ${timeoutMs} ms` }));
    socket.on('error', (err) => finish({ ok: false, error: `could not reach Keel (pid ${pid}) on 127.0.0.1:${port}: ${err.message}` }));
    socket.on('connect', () => socket.write(JSON.stringify({ token, ...command }) + '\n'));
    socket.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      try {
        finish(JSON.parse(text.slice(0, nl)) as ControlAnswer);
      } catch {
        finish({ ok: false, error: 'Keel answered something that is not JSON' });
      }
    });
    socket.on('end', () => finish({ ok: false, error: 'Keel closed the connection without an answer' }));
  });
}
