// Numbers as en-US text (1,234.56), through formatters made once per number of decimals and kept.
// Number.prototype.toLocaleString with options builds a new Intl.NumberFormat at every call, some 25 µs
// each: a risk refusal names its figures, a backtest can be refused at every bar, and a report prints
// thousands of trades, so building one per call made a parameter search ten times slower than its runs.
// The text is exactly what toLocaleString('en-US', { minimumFractionDigits, maximumFractionDigits }) gives,
// but for the sign of a value that rounds to zero at the decimals shown: a drawdown of -0.00001 % printed
// "-0.00%", a minus on a figure that shows no loss. signDisplay 'negative' drops it (and -0's), and keeps it
// on -0.005, which rounds half away from zero to "-0.01". Every figure in the app, the HTML report and
// `keel backtest` goes through here, so none can print one.

const formatters = new Map<number, Intl.NumberFormat>();

/** `value` in en-US with thousands separators and from `minDecimals` to `maxDecimals` decimals (0 to 20). */
export function enNumber(value: number, minDecimals: number, maxDecimals: number): string {
  const key = minDecimals * 32 + maxDecimals;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals, signDisplay: 'negative' })));
  return f.format(value);
}
