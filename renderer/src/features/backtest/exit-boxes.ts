// The run form's exit boxes, Stop-loss %, Trailing stop % and Take-profit %: how the text typed in them
// becomes the request's stopLossPct, trailingStopPct and takeProfitPct. Empty is none (the request then leaves the field out and the
// engine takes null, as `keel backtest` without --stop-loss). A box the engine would refuse is refused
// here in the engine's words (run-exits.ts, which the CLI says too), so Run and Optimize send nothing.
import { exitFromText, exitsProblem, shortTargetProblem, type RunExits } from '../../../../shared/backtest/run-exits.ts';
import { DIRECTION_LABELS, type Direction } from '../../../../shared/domain/direction.ts';
import { FieldError } from './field-error.ts';

/** What the boxes hold, as typed, and the sides the run may take (a short's take-profit stays under 100 %). */
export interface ExitTexts {
  stopLossPct: string;
  takeProfitPct: string;
  trailingStopPct: string;
  direction?: Direction;
}

/** The exits the boxes ask for; throws what is wrong with a box, in the engine's words. */
export function requestExits(texts: ExitTexts): RunExits {
  const stop = exitFromText('stop-loss', texts.stopLossPct);
  const take = exitFromText('take-profit', texts.takeProfitPct);
  const trail = exitFromText('trailing stop', texts.trailingStopPct ?? '');
  const exits: RunExits = { stopLossPct: stop.value, takeProfitPct: take.value, trailingStopPct: trail.value };
  // Each box's own problem first, then the two stops together.
  const direction = texts.direction ?? 'long';
  // The box at fault, for the page to mark: a trailing stop beside a stop-loss is the trailing stop's to drop.
  const boxes: [string, string | null][] = [
    ['bt-stop-loss', stop.problem],
    ['bt-trailing-stop', trail.problem],
    ['bt-take-profit', take.problem],
    ['bt-trailing-stop', exitsProblem(exits)],
    ['bt-take-profit', shortTargetProblem(exits.takeProfitPct, direction, `take-profit ${exits.takeProfitPct}`, DIRECTION_LABELS[direction])],
  ];
  const fault = boxes.find(([, problem]) => problem !== null);
  if (fault) throw new FieldError(fault[0], fault[1]!);
  return exits;
}

/** The fields a request carries for the boxes: only those given, as the re-arm days are only sent when given. */
export function exitFields(texts: ExitTexts): Partial<RunExits> {
  const exits = requestExits(texts);
  return {
    ...(exits.stopLossPct !== null && { stopLossPct: exits.stopLossPct }),
    ...(exits.takeProfitPct !== null && { takeProfitPct: exits.takeProfitPct }),
    ...(exits.trailingStopPct != null && { trailingStopPct: exits.trailingStopPct }),
  };
}

/** What the form says in amber under the boxes: what is wrong with them, or null when they can be sent. */
export function exitBoxesProblem(texts: ExitTexts): string | null {
  try {
    requestExits(texts);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
