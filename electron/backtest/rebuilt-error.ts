// An error that crossed a thread as its class's name and its message, rebuilt on this side with that class
// where it is one callers tell apart (a RangeError is bad input; a TypeError a mistake in code; a ParamError,
// or a StrategyFileError, something the trader gave that is refused with what is valid), the name kept
// either way. Without the ParamError, a strategy file's problem found in a worker (create() returning
// nothing) ended `keel backtest --workers 2` with exit 1 where the same run inline ends with 2.
import { ParamError } from '../strategies/params.ts';

const PARAM_ERRORS: readonly string[] = ['ParamError', 'StrategyFileError'];

export function rebuiltError(name: string, message: string): Error {
  const err = name === 'RangeError' ? new RangeError(message) : name === 'TypeError' ? new TypeError(message) : PARAM_ERRORS.includes(name) ? new ParamError(message) : new Error(message);
  if (name !== err.name) err.name = name;
  return err;
}
