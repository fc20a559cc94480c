// What the strategy panel does through the Api: read the catalog and the running strategies, start and
// stop one, and follow strategy.state events (listening first, then asking, so nothing is missed; an
// event is newer than any answer). Errors land in the panel's message as the engine worded them. The
// catalog is read again whenever the panel opens and after a refused start: the trader's own files may
// have changed since (a parameter renamed, a file deleted), and the form must offer what the engine takes.
import type { Api } from '../../../../shared/contract/index.ts';
import { toErrorData } from '../../state/error-data.ts';
import type { RunningStrategy } from '../../../../shared/contract/commands/strategy.ts';
import { applyStrategyState, useStrategies, type StrategyMessage } from './strategies-store.ts';
import { draftForCatalog, toStartRequest } from './strategy-form.ts';
import { isHalted } from './strategy-note.ts';
import type { Timeframe } from '../../../../shared/domain/timeframe.ts';
import type { Direction } from '../../../../shared/domain/direction.ts';
import { usePositions } from '../positions/positions-store.ts';

const message = (err: unknown) => {
  const e = toErrorData(err);
  return e.code === 'internal' || e.code === 'invalid_request' || e.code === 'conflict' || e.code === 'not_found' ? e.message : `${e.code}: ${e.message}`;
};

/** Where the paper account is made margin, said after a start refused for want of one. */
export const MARGIN_SWITCH_HINT = 'Switch the paper account to Margin in the Positions tab (Spot / Margin).';

/**
 * A start refused (a conflict) while the strategy asks to go short and the account it would trade is the
 * paper one on spot: the engine's words, and where to switch it. Told by the request and the account's
 * kind, not by the message's wording; a live account's kind is the exchange's, with nothing to switch.
 */
function withSwitchHint(err: unknown, text: string, direction: Direction | undefined): string {
  const account = usePositions.getState().account;
  const spotPaper = account !== null && account.mode === 'paper' && account.kind === 'spot';
  return toErrorData(err).code === 'conflict' && direction !== undefined && direction !== 'long' && spotPaper ? `${text}. ${MARGIN_SWITCH_HINT}` : text;
}

/** A strategy's last state in the panel's message: why it stopped (an error unless the user stopped it, as the engine says in stoppedBy). */
function stoppedMessage(info: RunningStrategy): StrategyMessage {
  return { kind: info.stoppedBy === 'user' ? 'ok' : 'error', text: `${info.id} ${info.statusText}` };
}

/**
 * A start that went through. Started but not trading as it should says so: "started" alone would read as
 * all well. Halted by the kill switch or its code failing is an error; waiting for its market (a paused
 * replay, a source that sends nothing now) is a note: it runs again by itself when the bars come.
 */
function startedMessage(info: RunningStrategy): StrategyMessage {
  const text = `${info.id} started on ${info.series.symbol} ${info.series.timeframe} (${info.account})`;
  if (info.status === 'halted' || info.status === 'failing') return { kind: 'error', text: `${text}, but is ${info.statusText}` };
  if (info.status === 'waiting') return { kind: 'note', text: `${text}, and is ${info.statusText}` };
  return { kind: 'ok', text };
}

/** The message that says a strategy is halted (the kill switch, the circuit breaker, a losing streak's cooldown) and why. */
function haltedMessage(info: RunningStrategy): StrategyMessage {
  return { kind: 'error', text: `${info.id} ${info.statusText}` };
}

/**
 * The panel's message after a strategy.state event. A stop says why. A strategy halted (the kill switch
 * pulled, with its reason) says so at once: the message from its start ("started on ...") would otherwise
 * stay up as if all were well while it can no longer enter. Once it is no longer halted (re-armed), its halt
 * message (or its start's that said it was halted) gives way to saying so; any other message stays.
 */
export function messageOnState(message: StrategyMessage | null, previous: RunningStrategy | undefined, info: RunningStrategy): StrategyMessage | null {
  if (info.status === 'stopped') return stoppedMessage(info);
  // Halted, or failing while halted (said as a halt is, its failure first: strategy-status.ts).
  if (isHalted(info)) return previous?.status === info.status && previous.statusText === info.statusText ? message : haltedMessage(info);
  // A message that it was waiting (its market paused, or not the active source) gives way once it is not:
  // "is waiting … it runs again when they come" stayed up over a row that read FAILING.
  const ofWait = previous?.status === 'waiting' && info.status !== 'waiting' && message !== null && message.text.startsWith(`${info.id} `) && message.text.endsWith(previous.statusText);
  if (ofWait) return info.status === 'failing' ? { kind: 'error', text: `${info.id} is ${info.statusText}` } : null;
  // Its halt's message: the one above, or its start's that said it was halted at once.
  const ofHalt = isHalted(previous) && message !== null && message.text.startsWith(`${info.id} `) && message.text.endsWith(previous!.statusText);
  if (!ofHalt) return message;
  if (info.status === 'failing') return { kind: 'error', text: `${info.id} is no longer halted, but is ${info.statusText}` };
  if (info.status === 'waiting') return { kind: 'note', text: `${info.id} is no longer halted, and is ${info.statusText}` };
  return { kind: 'ok', text: `${info.id} is no longer halted: new entries pass again` };
}

/** A failed read is shown, except from an engine without strategies (then there is nothing to show). */
const readFailed = (what: string) => (err: unknown) => {
  if (toErrorData(err).code !== 'unknown_command') useStrategies.setState({ message: { kind: 'error', text: `${what}: ${message(err)}` } });
};

/** Follows strategy.state and reads the catalog and the running list; returns the unsubscribe. */
export function followStrategies(api: Api): () => void {
  let seen = false;
  const off = api.events['strategy.state']((info) => {
    seen = true;
    useStrategies.setState((s) => ({
      running: applyStrategyState(s.running, info),
      message: messageOnState(s.message, s.running.find((r) => r.id === info.id), info),
    }));
  });
  void readCatalog(api);
  api.commands['strategy.running']({}).then(
    ({ strategies }) => {
      // An event that came first is newer: merge the answer under it.
      if (!seen) useStrategies.setState({ running: strategies });
      else useStrategies.setState((s) => ({ running: strategies.reduce((list, r) => (list.some((x) => x.id === r.id) ? list : applyStrategyState(list, r)), s.running) }));
    },
    readFailed('Read the running strategies'),
  );
  return off;
}

/** Reads the catalog and its problems (the engine looks at the trader's own files again first); the draft follows it. */
export function readCatalog(api: Api): Promise<void> {
  return api.commands['strategy.catalog']({}).then(({ strategies, problems }) => {
    useStrategies.setState((st) => ({ catalog: strategies, problems, draft: draftForCatalog(st.draft, strategies) }));
  }, readFailed('Read the strategies'));
}

export async function startStrategy(api: Api, chart: { symbol: string | null; timeframe: Timeframe | null }): Promise<void> {
  const st = useStrategies.getState();
  let request;
  try {
    request = toStartRequest(st.draft, st.catalog, chart);
  } catch (err) {
    useStrategies.setState({ message: { kind: 'error', text: err instanceof Error ? err.message : String(err) } });
    return;
  }
  useStrategies.setState({ busy: true, message: null });
  try {
    const info = await api.commands['strategy.start'](request);
    // Stopped before the start answered (its row's Stop while its warm-up was read): said as a stop is, not as a start.
    const said = info.status === 'stopped' ? stoppedMessage(info) : startedMessage(info);
    useStrategies.setState((s) => ({ running: applyStrategyState(s.running, info), message: said }));
  } catch (err) {
    useStrategies.setState({ message: { kind: 'error', text: withSwitchHint(err, message(err), request.direction) } });
    // Refused for a file changed since the form was filled: the form then offers what the file has now.
    if (toErrorData(err).code === 'invalid_request') void readCatalog(api);
  } finally {
    useStrategies.setState({ busy: false });
  }
}

export async function stopStrategy(api: Api, id: string): Promise<void> {
  try {
    const info = await api.commands['strategy.stop']({ id });
    useStrategies.setState((s) => ({ running: applyStrategyState(s.running, info) }));
  } catch (err) {
    useStrategies.setState({ message: { kind: 'error', text: `Stop ${id}: ${message(err)}` } });
  }
}
