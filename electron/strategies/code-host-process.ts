// The process the app runs the trader's code in: the worker threads of backtests and searches, a new
// file's import probe, a trial run before a start. Worker threads share their process's fate: one whose
// strategy runs out of memory in some shapes (pushing onto one array, or one string after another, in a
// loop) aborts the whole process, its heap limit notwithstanding (nodejs/node#47224). Here that ends this
// process, and the app, with the engine, the risk room and the kill switch, goes on (code-host.ts).
import type { Worker } from 'node:worker_threads';
import { trialProblem, type TrialRequest } from '../backtest/strategy-trial.ts';
import { startJobThread } from '../backtest/worker-jobs.ts';
import type { FromHost, HostCall, ToHost } from './code-host-protocol.ts';
import { probeInWorker } from './import-probe.ts';
import { strategyLine } from './strategy-line-server.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
}

// Electron's utilityProcess talks through process.parentPort; Node's fork through process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: FromHost) => (parentPort ? parentPort.postMessage(m) : process.send!(m));
const onMessage = (fn: (m: ToHost) => void) => (parentPort ? parentPort.on('message', (e) => fn(e.data as ToHost)) : process.on('message', (m) => fn(m as ToHost)));
// The app gone (fork's channel closed): nothing is left to run for.
process.on('disconnect', () => process.exit(0));

const CALLS: Record<HostCall, (...args: never[]) => Promise<unknown>> = {
  probe: (file: string) => probeInWorker(file),
  trial: (request: TrialRequest) => trialProblem(request),
  line: () => strategyLine(),
};

const threads = new Map<number, { worker: Worker; cancelFlag: Int32Array | null }>();

onMessage((m) => {
  switch (m.op) {
    case 'spawn': {
      const cancelFlag = m.cancellable ? new Int32Array(new SharedArrayBuffer(4)) : null;
      // A thread running the trader's own strategy is watched here, where its beat can be read (worker-jobs.ts).
      const worker = startJobThread(m.name, cancelFlag ? { ...m.data, cancelFlag } : m.data);
      threads.set(m.id, { worker, cancelFlag });
      worker.on('message', (message: unknown) => send({ op: 'message', id: m.id, message }));
      worker.on('error', (err: NodeJS.ErrnoException) => send({ op: 'error', id: m.id, message: err.message, ...(err.code && { code: err.code }) }));
      worker.on('exit', (code) => {
        threads.delete(m.id);
        send({ op: 'exit', id: m.id, code });
      });
      return;
    }
    case 'cancel': {
      const flag = threads.get(m.id)?.cancelFlag;
      if (flag) Atomics.store(flag, 0, 1);
      return;
    }
    case 'terminate':
      void threads.get(m.id)?.worker.terminate();
      return;
    case 'call':
      (CALLS[m.fn] as (...args: unknown[]) => Promise<unknown>)(...m.args).then(
        (value) => send({ op: 'result', id: m.id, value }),
        (err: unknown) => send({ op: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
      );
      return;
  }
});
