// An error from a worker thread, rebuilt with the class callers tell apart: the CLI's exit code (2 for what
// the trader gave, 1 otherwise) and the app's refusals go by it, so a run in a worker ends as it does inline.
import { describe, expect, it } from 'vitest';
import { rebuiltError } from '../../../electron/backtest/rebuilt-error.ts';
import { ParamError } from '../../../electron/strategies/params.ts';

describe('rebuiltError', () => {
  it("rebuilds a strategy file's problem and a parameter's as a ParamError, keeping the name", () => {
    const file = rebuiltError('StrategyFileError', 'create(params, ctx) in mine.mjs returned undefined (a missing return?)');
    expect(file).toBeInstanceOf(ParamError);
    expect([file.name, file.message]).toEqual(['StrategyFileError', 'create(params, ctx) in mine.mjs returned undefined (a missing return?)']);
    expect(rebuiltError('ParamError', 'fast must be smaller than slow')).toBeInstanceOf(ParamError);
  });

  it('keeps RangeError and TypeError, and any other as an Error with its name', () => {
    expect(rebuiltError('RangeError', 'x')).toBeInstanceOf(RangeError);
    expect(rebuiltError('TypeError', 'x')).toBeInstanceOf(TypeError);
    const other = rebuiltError('SyntaxError', 'x');
    expect(other).not.toBeInstanceOf(ParamError);
    expect(other.name).toBe('SyntaxError');
  });
});
