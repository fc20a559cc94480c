// What an import says when its series already held candles: files of two markets under one name (a spot
// and a perpetual BTCUSDT, both read from their file names as BTC/USDT on "local") would otherwise mix in
// one series without a word. `keel import` prints it and the import dialog shows it.

export interface Joined {
  held: number;
  first: number;
  last: number;
  replaced: number;
  now: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** `apart`: how the reader keeps another market apart ("--exchange NAME", "an exchange"). */
export function joinedLine(j: Joined, apart: string): string {
  const replaced = j.replaced === 0 ? 'none of them at the same times as the file\'s' : `${count(j.replaced)} of them replaced by the file's candles at the same times`;
  return `the series already held ${count(j.held)} candles (${day(j.first)} to ${day(j.last)}), ${replaced}; it now holds ${count(j.now)}. A file of another market under the same name mixes with them: give ${apart} (or another symbol) to keep it apart`;
}
